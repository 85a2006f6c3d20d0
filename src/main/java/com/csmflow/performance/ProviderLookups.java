package com.csmflow.performance;

import java.util.Map;
import javax.xml.datatype.DatatypeFactory;

/**
 * Names the implementations that two libraries otherwise look up on every use by scanning the whole
 * class path for a service file. Jakarta Mail asks for its {@code StreamProvider} each time a message is
 * written (several times per mail), and the engine's {@code DurationHelper} asks for a
 * {@code DatatypeFactory} for every timer it schedules. In the benchmark of issue 22 these scans were
 * 4 % of the JVM's samples (docs/performance.md, tuning 21). Both libraries read a system property of the
 * factory's name first; this sets it to the implementation the scan would find, unless the operator set
 * one ({@code -Djakarta.mail.util.StreamProvider=...}).
 */
public final class ProviderLookups {

    /** The factory whose lookup is pinned, and the implementation on this class path. */
    static final Map<String, String> PINNED = Map.of(
            "jakarta.mail.util.StreamProvider",
            "org.eclipse.angus.mail.util.MailStreamProvider",
            DatatypeFactory.DATATYPEFACTORY_PROPERTY,
            DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);

    private ProviderLookups() {}

    /** Before the application context starts: the first mail or timer already takes the short way. */
    public static void pin() {
        PINNED.forEach((factory, implementation) -> {
            if (System.getProperty(factory) == null) {
                System.setProperty(factory, implementation);
            }
        });
    }
}
