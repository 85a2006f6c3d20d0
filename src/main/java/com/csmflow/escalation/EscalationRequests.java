package com.csmflow.escalation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of /api/escalations. */
final class EscalationRequests {

    private EscalationRequests() {
    }

    /** A client (or its ITSM system) raises an escalation. */
    record Raise(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank @Size(max = 255) String subject,
            @Size(max = 4000) String description,
            @NotBlank @Pattern(regexp = "critical|high|medium|low", message = "must be critical, high, medium or low")
            String reportedImpact,
            @Size(max = 255) String contactName,
            @Email @Size(max = 255) String contactEmail) {
    }

    /** The client's answer to the CSM's request for information. */
    record ClientResponse(@NotBlank @Size(max = 4000) String message) {
    }

    /** The client confirms the resolution ({@code confirmed=true}) or reopens the escalation. */
    record ClientConfirmation(@NotNull Boolean confirmed, @Size(max = 4000) String comment) {
    }
}
