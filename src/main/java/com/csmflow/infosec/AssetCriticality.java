package com.csmflow.infosec;

/** How critical the affected asset is to the client's business (from the asset inventory or the reporter). */
public enum AssetCriticality {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
