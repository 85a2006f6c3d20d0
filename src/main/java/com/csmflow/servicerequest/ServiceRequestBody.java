package com.csmflow.servicerequest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/service-requests}: a client's written request for a new service. */
record ServiceRequestBody(
        @NotBlank @Size(max = 32) String clientReference,
        @NotBlank @Size(max = 200) String serviceName,
        @Size(max = 4000) String criteria,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> requiredSkills,
        @NotNull LocalDate expectedStart,
        @NotNull LocalDate termEnd,

        @NotBlank
        @Pattern(regexp = "fixed-price|time-and-material", message = "must be fixed-price or time-and-material")
        String priceModel,

        @Pattern(regexp = "low|medium|high", message = "must be low, medium or high")
        String risk,

        @Pattern(regexp = "P[1-4]", message = "must be P1, P2, P3 or P4")
        String priority,

        @Size(max = 20) List<@NotBlank @Size(max = 200) String> documents,
        @Email @Size(max = 320) String requesterEmail) {}
