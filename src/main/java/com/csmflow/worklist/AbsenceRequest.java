package com.csmflow.worklist;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** Body of {@code PUT /api/staff/{userId}/absence}: away from (default now) until, and why (optional). */
@Schema(name = "StaffAbsence")
record AbsenceRequest(
        Instant from,
        @NotNull Instant until,
        @Size(max = 200) String reason) {}
