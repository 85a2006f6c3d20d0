package com.csmflow.access;

import java.time.Instant;

/** A checked request for a right, as the register stores it (service SM and DM already looked up). */
record AccessRightRequest(
        String serviceReference,
        String serviceManager,
        String deliveryManager,
        String grantee,
        String asset,
        String permission,
        String reason,
        Instant validUntil,
        String approver,
        String requestedBy,
        String supersedes) {}
