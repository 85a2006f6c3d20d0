package com.csmflow.sla;

/** Which calendar an SLA duration counts on. */
public enum SlaCalendarType {
    /** The client's working hours in its time zone, minus its public holidays and closing days. */
    BUSINESS,
    /** Wall-clock time, round the clock. */
    TWENTY_FOUR_SEVEN
}
