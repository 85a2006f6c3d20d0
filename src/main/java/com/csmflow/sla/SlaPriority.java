package com.csmflow.sla;

/** Case priority as the SLA targets know it: P1 critical, P2 high, P3 medium, P4 low. */
public enum SlaPriority {
    P1,
    P2,
    P3,
    P4;

    /**
     * Reads {@code P1}..{@code P4} as well as the words {@code critical}, {@code high}, {@code medium}
     * and {@code low} (any case), so a form or DMN table may use either.
     */
    public static SlaPriority parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A priority is required (P1..P4)");
        }
        return switch (text.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "P1", "1", "CRITICAL" -> P1;
            case "P2", "2", "HIGH" -> P2;
            case "P3", "3", "MEDIUM" -> P3;
            case "P4", "4", "LOW" -> P4;
            default -> throw new IllegalArgumentException("Unknown priority '" + text + "' (P1..P4)");
        };
    }
}
