package com.csmflow.onboarding;

import java.util.EnumSet;
import java.util.Set;

/** What a registered client document is; all but {@code OTHER} can be required before onboarding closes (002). */
public enum DocumentKind {
    OPERATIONS_GUIDE("operations guide"),
    SLA("SLA"),
    TOPOLOGY_DIAGRAM("topology diagram"),
    CONTACTS_LIST("contacts list"),
    BUSINESS_OBJECTIVES_AND_RISKS("business objectives and risks"),
    /** Required only when the client agreed a continuity plan. */
    CONTINUITY_PLAN("continuity plan"),
    OTHER("other document");

    private final String label;

    DocumentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kinds a client must have registered before its onboarding closes. */
    public static Set<DocumentKind> required(boolean continuityAgreed) {
        Set<DocumentKind> kinds =
                EnumSet.of(OPERATIONS_GUIDE, SLA, TOPOLOGY_DIAGRAM, CONTACTS_LIST, BUSINESS_OBJECTIVES_AND_RISKS);
        if (continuityAgreed) {
            kinds.add(CONTINUITY_PLAN);
        }
        return kinds;
    }
}
