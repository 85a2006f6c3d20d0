package com.csmflow.review;

import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.report.PeriodKind;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * "Start the reviews that are due" of {@code service-review-schedule}, run daily: for every active client the
 * last completed period of its tier's cycle (month for Enhanced, quarter for Standard) and the last completed
 * year get a review, unless they have one (the schedule key is unique, so a run again or on a second node
 * starts nothing twice). Sets {@code startedReviews} to what it started, e.g. {@code ALPENWERK 2026-Q4}.
 */
@Component("startDueReviews")
class StartDueReviewsDelegate implements InputReadingDelegate {

    private final Clients clients;
    private final ServiceReviews reviews;
    private final Clock clock;

    StartDueReviewsDelegate(Clients clients, ServiceReviews reviews, Clock clock) {
        this.clients = clients;
        this.reviews = reviews;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<String> started = new ArrayList<>();
        for (Client client : clients.active()) {
            for (PeriodKind kind : List.of(ServiceReviews.cycleOf(client), PeriodKind.YEAR)) {
                var period = kind.lastCompletedBefore(today);
                if (reviews.startScheduled(client, period)) {
                    started.add(client.getReference() + " " + period.label());
                }
            }
        }
        execution.setVariable("startedReviews", started);
    }
}
