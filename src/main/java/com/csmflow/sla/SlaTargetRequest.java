package com.csmflow.sla;

import com.csmflow.client.CsmTier;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST and PUT /api/sla-targets. The duration is checked further in {@link SlaTargets}. */
record SlaTargetRequest(
        @NotNull CsmTier tier,
        @NotNull SlaPriority priority,

        @NotBlank
        @Size(max = 64)
        @Pattern(
                regexp = SlaTargets.METRIC_PATTERN,
                message = "must be dot-separated lower-case words, e.g. escalation.acknowledge")
        String metric,

        @NotBlank @Size(max = 32) String duration,
        @NotNull SlaCalendarType calendar,
        @NotNull @Min(1) @Max(99) Integer warningPercent) {}
