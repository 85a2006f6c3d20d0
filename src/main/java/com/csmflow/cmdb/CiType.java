package com.csmflow.cmdb;

import java.util.EnumSet;
import java.util.Set;

/**
 * What kind of thing a configuration item is. The device kinds are what a client's devices under coverage
 * count (the hour tier's device input); applications, databases and cloud services are in the CMDB
 * but are not devices.
 */
public enum CiType {
    SERVER("Server", true),
    NETWORK_DEVICE("Network device", true),
    FIREWALL("Firewall", true),
    STORAGE("Storage", true),
    ENDPOINT("Endpoint", true),
    APPLICATION("Application", false),
    DATABASE("Database", false),
    CLOUD_SERVICE("Cloud service", false),
    OTHER("Other", false);

    private final String label;
    private final boolean device;

    CiType(String label, boolean device) {
        this.label = label;
        this.device = device;
    }

    public String label() {
        return label;
    }

    public boolean isDevice() {
        return device;
    }

    static Set<CiType> devices() {
        Set<CiType> devices = EnumSet.noneOf(CiType.class);
        for (CiType type : values()) {
            if (type.device) {
                devices.add(type);
            }
        }
        return devices;
    }
}
