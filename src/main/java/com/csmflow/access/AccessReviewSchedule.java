package com.csmflow.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The periodic part of the access reviews: once a day ({@code csmflow.access.review-schedule}, default 06:15
 * server time) every client with active rights whose last review opened at least one cycle ago
 * ({@code csmflow.access.review-cycle}, default P3M), or who never had one, gets a new {@code access-review}
 * instance. A per-client check rather than one timer start event: the cycle runs from each client's own
 * last review, so a review opened early through the API moves the next one, and a client without rights
 * gets no empty review. Several nodes: the second one finds the review open and skips the client.
 */
@Component
class AccessReviewSchedule {

    private static final Logger log = LoggerFactory.getLogger(AccessReviewSchedule.class);

    private final AccessRightRepository rights;
    private final AccessReviews reviews;
    private final Clock clock;

    AccessReviewSchedule(AccessRightRepository rights, AccessReviews reviews, Clock clock) {
        this.rights = rights;
        this.reviews = reviews;
        this.clock = clock;
    }

    @Scheduled(cron = "${csmflow.access.review-schedule:0 15 6 * * *}")
    void openDueReviews() {
        openDueReviews(clock.instant());
    }

    /** Opens the reviews due at {@code now}; returns their references. */
    List<String> openDueReviews(Instant now) {
        List<String> opened = new ArrayList<>();
        for (String client : rights.clientsWithRightsIn(AccessRightStatus.ACTIVE)) {
            try {
                if (reviews.due(client, now)) {
                    opened.add(reviews.open(client, null).getReference());
                }
            } catch (RuntimeException failed) {
                // one client's problem (retired meanwhile, a review opened by another node) stops no other
                log.warn("No access review opened for client {}: {}", client, failed.getMessage());
            }
        }
        return opened;
    }
}
