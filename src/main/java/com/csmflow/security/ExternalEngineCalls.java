package com.csmflow.security;

/**
 * Whether the engine command running on this thread was asked for from outside, through the engine's own
 * API ({@code /engine-rest/*}, the webapps' {@code /camunda/api/*}), and is the outermost one. Only such a
 * command carries the caller's choices unfiltered; everything our own code does (the domain API, delegates,
 * listeners, the job executor) either runs on another thread or as a nested command, and is trusted.
 */
final class ExternalEngineCalls {

    private static final ThreadLocal<Boolean> EXTERNAL = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private ExternalEngineCalls() {}

    static void requestStarted() {
        EXTERNAL.set(true);
    }

    static void requestEnded() {
        EXTERNAL.remove();
        DEPTH.remove();
    }

    static void commandStarted() {
        DEPTH.get()[0]++;
    }

    static void commandEnded() {
        DEPTH.get()[0]--;
    }

    /** True inside the outermost engine command of a request to the engine's own API. */
    static boolean outermostExternal() {
        return EXTERNAL.get() && DEPTH.get()[0] == 1;
    }
}
