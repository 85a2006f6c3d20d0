package com.csmflow.access;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The access reviews' cycle and deadline (application.yaml, {@code csmflow.access.*}): every client with
 * active rights is reviewed every {@code review-cycle} (default quarterly, P3M), and a right not confirmed
 * within {@code review-deadline} (default P14D) of the review opening is revoked.
 */
@Component
class AccessSettings {

    private final Period reviewCycle;
    private final Duration reviewDeadline;

    AccessSettings(
            @Value("${csmflow.access.review-cycle:P3M}") String reviewCycle,
            @Value("${csmflow.access.review-deadline:P14D}") String reviewDeadline) {
        this.reviewCycle = Period.parse(reviewCycle);
        this.reviewDeadline = Duration.parse(reviewDeadline);
        if (this.reviewCycle.isNegative() || this.reviewCycle.isZero() || this.reviewDeadline.isNegative()) {
            throw new IllegalArgumentException("csmflow.access.review-cycle and review-deadline must be positive");
        }
    }

    Period reviewCycle() {
        return reviewCycle;
    }

    Duration reviewDeadline() {
        return reviewDeadline;
    }

    /** When the review after one opened at {@code last} is due. */
    Instant nextReviewAfter(Instant last) {
        return last.atOffset(ZoneOffset.UTC).plus(reviewCycle).toInstant();
    }
}
