package com.csmflow.client;

/** The client's service tier: Standard is served in the client's business hours, Enhanced gets more. */
public enum CsmTier {
    STANDARD,
    ENHANCED
}
