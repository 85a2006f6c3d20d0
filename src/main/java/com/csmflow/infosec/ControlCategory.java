package com.csmflow.infosec;

/** Kinds of security policies and controls (the ISO/IEC 27001:2022 Annex A themes, and policies). */
public enum ControlCategory {
    POLICY,
    ORGANISATIONAL,
    PEOPLE,
    PHYSICAL,
    TECHNOLOGICAL
}
