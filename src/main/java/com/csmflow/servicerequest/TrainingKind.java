package com.csmflow.servicerequest;

/** What a training record is about (docs/registers.md, "Training records"). */
public enum TrainingKind {
    /** A technical or domain skill (003 §2.2.2, knowledge acquisition plan). */
    SKILL,
    /** Information security awareness (003 §2.2.5 step 5, the InfoSec sub-process). */
    INFOSEC_AWARENESS,
    /** A certificate with a validity. */
    CERTIFICATION,
    /** A mandatory company training (e.g. onboarding, compliance). */
    MANDATORY
}
