package com.csmflow.complaint;

import java.time.Duration;
import java.time.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The periodic review of open complaints as the ISO-8601 cycle the model reads ({@code
 * ${complaintTimers.reviewCycle()}}): every {@code csmflow.complaint.review-interval} (default P30D) from
 * receipt, the service manager reviews each complaint still open.
 */
@Component("complaintTimers")
public class ComplaintTimers {

    private final String reviewInterval;

    ComplaintTimers(@Value("${csmflow.complaint.review-interval:P30D}") String reviewInterval) {
        String text = reviewInterval == null ? "" : reviewInterval.strip();
        try {
            if (text.contains("T")) {
                Duration.parse(text);
            } else {
                Period.parse(text);
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "csmflow.complaint.review-interval must be an ISO-8601 duration such as P30D, not " + text, e);
        }
        this.reviewInterval = text;
    }

    /** Unbounded: every interval until the complaint is closed. */
    public String reviewCycle() {
        return "R/" + reviewInterval;
    }
}
