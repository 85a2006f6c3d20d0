package com.csmflow.infosec;

/** Kinds of assets in a client's inventory (F15). */
public enum AssetType {
    INFORMATION,
    SOFTWARE,
    HARDWARE,
    NETWORK,
    SERVICE,
    SITE
}
