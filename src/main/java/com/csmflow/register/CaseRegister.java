package com.csmflow.register;

import java.util.Optional;
import java.util.function.Function;

/**
 * A case register that can show the row behind a business key (the business key of a case instance is its
 * register reference). Each workflow's capability declares one as a Spring bean, so the case view beside a
 * task or an instance finds the row without depending on any workflow's package.
 */
public interface CaseRegister {

    /** The register's name as its audit entries carry it ({@code change}, {@code escalation}, ...). */
    String name();

    /** The row whose reference is this business key, if this register holds it. */
    Optional<? extends RegisterRecord> find(String reference);

    /** A case register from its name and a look-up by reference (a repository's {@code findByReference}). */
    static CaseRegister of(String name, Function<String, Optional<? extends RegisterRecord>> lookup) {
        return new CaseRegister() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<? extends RegisterRecord> find(String reference) {
                return lookup.apply(reference);
            }
        };
    }
}
