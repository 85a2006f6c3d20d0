package com.csmflow.complaint;

import com.csmflow.security.RoleGroup;

/** What the complaint is about; commercial and invoice complaints go to the account manager (002). */
public enum ComplaintCategory {
    SERVICE,
    INVOICE,
    COMMERCIAL,
    OTHER;

    RoleGroup handler() {
        return this == INVOICE || this == COMMERCIAL ? RoleGroup.ACCOUNT_MANAGER : RoleGroup.CSM;
    }
}
