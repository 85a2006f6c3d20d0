package com.csmflow.change;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;

/** Body of {@code POST /api/changes}: a change request from staff or a client's system. */
record ChangeRequestBody(
        @NotBlank @Size(max = 32) String clientReference,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 4000) String description,

        @NotBlank @Pattern(regexp = "standard|normal|emergency", message = "must be standard, normal or emergency")
        String requestedType,

        Boolean nonStandard,
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> impactedServices,
        /** CMDB references (CI-...) of the client's items the change touches; optional. */
        @Size(max = 50) List<@NotBlank @Size(max = 32) String> configurationItems,
        @NotNull OffsetDateTime windowStart,
        @NotNull OffsetDateTime windowEnd,

        @NotBlank @Pattern(regexp = "low|medium|high|critical", message = "must be low, medium, high or critical")
        String urgency,

        @NotBlank @Pattern(regexp = "low|medium|high", message = "must be low, medium or high")
        String impact,

        @NotNull Boolean billable,
        @Email @Size(max = 320) String requesterEmail) {}
