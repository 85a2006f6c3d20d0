package com.csmflow.servicerequest;

import com.csmflow.api.InvalidFieldException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** Bodies of the service register's operations. */
final class ServiceBodies {

    private ServiceBodies() {}

    /** A query parameter: trimmed, or null when absent or blank. */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** {@code POST /api/services/{reference}/end}: end the service before its term. */
    record EndRequest(@NotBlank @Size(max = 4000) String reason) {}

    /** {@code POST /api/services/{reference}/resource-requests}: the caller asks for a resource. */
    record ResourceRequest(
            @NotBlank @Size(max = 64) String resourceType,
            @NotBlank @Size(max = 1000) String purpose) {}

    /** {@code POST /api/services/{reference}/resource-additions}: a new resource for the inventory. */
    record ResourceAddition(
            @NotBlank @Size(max = 64) String resourceType,
            @NotBlank @Size(max = 1000) String purpose) {}

    /** {@code POST /api/services/{reference}/resource-retirements}: a resource leaves the inventory. */
    record ResourceRetirement(
            @NotBlank @Size(max = 32) String resourceReference,
            @Size(max = 1000) String purpose) {}

    /** {@code PUT /api/staff-profiles/{userId}}. */
    record ProfileBody(
            @NotNull @Size(max = 30) List<@NotBlank @Size(max = 60) String> skills,
            @Size(max = 4000) String shortProfile) {}

    /** {@code POST /api/training-records}: a training a person completed. */
    record TrainingBody(
            @NotBlank @Size(max = 64) String userId,
            @NotBlank @Size(max = 200) String course,
            @NotBlank @Size(max = 32) String kind,
            @NotNull LocalDate completedOn,
            LocalDate validUntil,
            @Size(max = 1000) String evidence,
            @Size(max = 32) String serviceReference) {}

    /** {@code POST /api/service-actions/{reference}/follow-ups}: what was done; {@code done} closes it. */
    record ActionFollowUp(@NotBlank @Size(max = 4000) String report, boolean done) {}

    /** An enum from a query parameter or body field, 400 naming the field when it is none of the values. */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
