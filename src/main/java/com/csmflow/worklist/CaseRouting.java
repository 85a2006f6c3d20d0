package com.csmflow.worklist;

import com.csmflow.client.Client;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who of a client's named staff gets its CSM tasks right now; also who is told about the client's hours
 * ({@code com.csmflow.hours}).
 */
@Component
public class CaseRouting {

    private final StaffAbsences absences;

    CaseRouting(StaffAbsences absences) {
        this.absences = absences;
    }

    /**
     * The designated CSM; the backup while the CSM is away; nobody (the csm group) when neither is
     * designated or both are away.
     */
    public Optional<String> csmFor(Client client) {
        String designated = client.getDesignatedCsm();
        if (designated != null && !absences.isAway(designated)) {
            return Optional.of(designated);
        }
        String backup = client.getBackupCsm();
        if (designated != null && backup != null && !absences.isAway(backup)) {
            return Optional.of(backup);
        }
        return Optional.empty();
    }
}
