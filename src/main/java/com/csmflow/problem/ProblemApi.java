package com.csmflow.problem;

import com.csmflow.api.InvalidFieldException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/** Request and response bodies of the problem, SIP action, risk and incident APIs. */
final class ProblemApi {

    private ProblemApi() {}

    record OpenProblem(
            @NotBlank @Size(max = 64) String clientReference,
            @Size(max = 32) String sourceType,
            @Size(max = 255) String sourceReference,
            @NotBlank @Size(max = 500) String summary,
            @NotBlank String priority) {}

    record NewAction(
            @NotBlank @Size(max = 4000) String description,
            @Size(max = 255) String owner,
            @NotNull LocalDate targetDate) {}

    record NewSipAction(
            @NotBlank @Size(max = 64) String clientReference,
            @Size(max = 32) String sourceType,
            @Size(max = 255) String sourceReference,
            @NotBlank @Size(max = 4000) String description,
            @Size(max = 255) String owner,
            @NotNull LocalDate targetDate) {}

    record NewRiskEntry(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank String entryType,
            @NotBlank @Size(max = 4000) String description,
            @NotBlank @Size(max = 255) String owner,
            @NotNull LocalDate reviewDate) {}

    record ReportIncident(
            @NotBlank @Size(max = 64) String clientReference,
            @NotBlank @Size(max = 64) String incidentReference,
            @NotBlank @Size(max = 255) String serviceKey,
            @Size(max = 500) String summary,
            String priority) {}

    record ProblemView(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String summary,
            String priority,
            String status,
            String symptoms,
            String rootCause,
            String contributingFactors,
            String evidence,
            String internalRca,
            String clientRca,
            Instant openedAt,
            Instant rcaAcceptedAt,
            Instant rcaSentAt,
            Instant closedAt,
            String processInstanceId) {
        static ProblemView of(Problem p) {
            return new ProblemView(
                    p.getReference(),
                    p.getClientReference(),
                    p.getSourceType(),
                    p.getSourceReference(),
                    p.getSummary(),
                    p.getPriority(),
                    p.getStatus(),
                    p.getSymptoms(),
                    p.getRootCause(),
                    p.getContributingFactors(),
                    p.getEvidence(),
                    p.getInternalRca(),
                    p.getClientRca(),
                    p.getOpenedAt(),
                    p.getRcaAcceptedAt(),
                    p.getRcaSentAt(),
                    p.getClosedAt(),
                    p.getOrigin() == null ? null : p.getOrigin().getProcessInstanceId());
        }
    }

    record SipActionView(
            String reference,
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String ownerUser,
            String ownerGroup,
            LocalDate targetDate,
            String status,
            String evidence,
            String riskReference,
            Instant createdAt,
            Instant completedAt) {
        static SipActionView of(SipAction a) {
            return new SipActionView(
                    a.getReference(),
                    a.getClientReference(),
                    a.getSourceType(),
                    a.getSourceReference(),
                    a.getDescription(),
                    a.getOwnerUser(),
                    a.getOwnerGroup(),
                    a.getTargetDate(),
                    a.getStatus(),
                    a.getEvidence(),
                    a.getRiskReference(),
                    a.getCreatedAt(),
                    a.getCompletedAt());
        }
    }

    record RiskView(
            String reference,
            String entryType,
            String clientReference,
            String sourceType,
            String sourceReference,
            String description,
            String owner,
            LocalDate reviewDate,
            String status,
            String acceptedBy,
            String reviewComment,
            String reviewedBy,
            Instant createdAt,
            Instant closedAt) {
        static RiskView of(Risk r) {
            return new RiskView(
                    r.getReference(),
                    r.getEntryType(),
                    r.getClientReference(),
                    r.getSourceType(),
                    r.getSourceReference(),
                    r.getDescription(),
                    r.getOwner(),
                    r.getReviewDate(),
                    r.getStatus(),
                    r.getAcceptedBy(),
                    r.getReviewComment(),
                    r.getReviewedBy(),
                    r.getCreatedAt(),
                    r.getClosedAt());
        }
    }

    record IncidentView(
            String clientReference,
            String incidentReference,
            String serviceKey,
            Instant reportedAt,
            int incidentsInPeriod,
            int threshold,
            int periodDays,
            String problemReference,
            boolean problemOpened) {
        static IncidentView of(ChronicIncidentService.Outcome o) {
            return new IncidentView(
                    o.incident().getClientReference(),
                    o.incident().getIncidentReference(),
                    o.incident().getServiceKey(),
                    o.incident().getReportedAt(),
                    o.incidentsInPeriod(),
                    o.threshold(),
                    o.periodDays(),
                    o.problemReference(),
                    o.problemOpened());
        }
    }

    /** A status filter must name a known status (400 naming the field otherwise). */
    static <E extends Enum<E>> E status(String status, Class<E> type) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String upper = status.trim().toUpperCase();
        if (Arrays.stream(type.getEnumConstants())
                .noneMatch(value -> value.name().equals(upper))) {
            throw new InvalidFieldException("status", "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        return Enum.valueOf(type, upper);
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
