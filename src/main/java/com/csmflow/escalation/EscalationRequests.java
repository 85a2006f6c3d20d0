package com.csmflow.escalation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of /api/escalations. Their OpenAPI schemas carry the escalation in their names: the simple
 * names alone clash with other bodies (the client register's {@code ClientResponse}), and springdoc would
 * describe both with one schema.
 */
final class EscalationRequests {

    private EscalationRequests() {}

    /** A client (or its ITSM system) raises an escalation. */
    @Schema(name = "RaiseEscalation")
    record Raise(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank @Size(max = 255) String subject,
            @Size(max = 4000) String description,

            @NotBlank @Pattern(regexp = "critical|high|medium|low", message = "must be critical, high, medium or low")
            String reportedImpact,

            @Size(max = 255) String contactName,
            @Email @Size(max = 255) String contactEmail,

            @Schema(
                    description = "service (default): a service issue for the CSM; commercial: a query on "
                            + "prices, contract or renewal for the account manager")
            @Pattern(regexp = "service|commercial", message = "must be service or commercial")
            String category) {}

    /** The client's answer to the CSM's request for information. */
    @Schema(name = "EscalationClientResponse")
    record ClientResponse(@NotBlank @Size(max = 4000) String message) {}

    /** The client confirms the resolution ({@code confirmed=true}) or reopens the escalation. */
    @Schema(name = "EscalationClientConfirmation")
    record ClientConfirmation(
            @NotNull Boolean confirmed, @Size(max = 4000) String comment) {}
}
