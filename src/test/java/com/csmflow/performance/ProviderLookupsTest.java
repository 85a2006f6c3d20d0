package com.csmflow.performance;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

class ProviderLookupsTest {

    /** A library upgrade that renames an implementation must fail here, not when the first mail is sent. */
    @Test
    void eachPinnedImplementationIsOnTheClassPathAndImplementsItsFactory() throws Exception {
        for (var pinned : ProviderLookups.PINNED.entrySet()) {
            Class<?> factory = Class.forName(pinned.getKey());
            Class<?> implementation = Class.forName(pinned.getValue());
            assertThat(factory).isAssignableFrom(implementation);
        }
    }

    @Test
    void theLibrariesUseThePinnedImplementations() throws Exception {
        ProviderLookups.pin();

        assertThat(StreamProvider.provider().getClass().getName())
                .isEqualTo(ProviderLookups.PINNED.get("jakarta.mail.util.StreamProvider"));
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void anOperatorsChoiceIsKept() {
        String property = "jakarta.mail.util.StreamProvider";
        String before = System.getProperty(property);
        try {
            System.setProperty(property, "com.example.OperatorsStreamProvider");
            ProviderLookups.pin();
            assertThat(System.getProperty(property)).isEqualTo("com.example.OperatorsStreamProvider");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
