package com.csmflow.infosec;

/** Where a security control stands after its last review (F11). */
public enum ControlStatus {
    /** Reviewed (or just recorded) and working as intended. */
    EFFECTIVE,
    /** The last review found it wanting: the InfoSec plan of its service is updated. */
    NEEDS_IMPROVEMENT,
    /** No longer in force: never due for review again. */
    RETIRED
}
