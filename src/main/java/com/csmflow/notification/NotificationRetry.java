package com.csmflow.notification;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The retry cycle of "Deliver notification" (bpmn/notification-delivery.bpmn), from the property
 * {@code csmflow.notification.retry-cycle}. The BPMN's {@code failedJobRetryTimeCycle} is the
 * expression {@code ${notificationRetry.cycle}}, which the engine evaluates when a delivery job fails,
 * so the value here decides how often and after which pauses a failed delivery is tried again before
 * it becomes an incident. Either a list of ISO-8601 durations (one retry after each:
 * {@code PT1M,PT5M}) or {@code R<n>/<duration>} ({@code R5/PT5M}: five retries five minutes apart).
 * A value the engine could not read stops the application at start instead of failing at the first
 * outage.
 */
@Component("notificationRetry")
public class NotificationRetry {

    /** One minute, five minutes, a quarter of an hour, an hour, four hours: six attempts in ~5.5 h. */
    public static final String DEFAULT_CYCLE = "PT1M,PT5M,PT15M,PT1H,PT4H";

    private static final Pattern REPEAT = Pattern.compile("R(\\d+)/(P\\S+)");

    private volatile String cycle;

    NotificationRetry(@Value("${csmflow.notification.retry-cycle:" + DEFAULT_CYCLE + "}") String cycle) {
        this.cycle = validate(cycle);
    }

    /** The cycle as the engine reads it ({@code ${notificationRetry.cycle}}). */
    public String getCycle() {
        return cycle;
    }

    /** Tests only: another cycle for this running application (the property sets it at start). */
    void use(String newCycle) {
        this.cycle = validate(newCycle);
    }

    static String validate(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("csmflow.notification.retry-cycle is empty; default: " + DEFAULT_CYCLE);
        }
        var repeat = REPEAT.matcher(text);
        if (repeat.matches()) {
            duration(repeat.group(2), text);
            return text;
        }
        StringBuilder normalized = new StringBuilder();
        for (String part : text.split(",", -1)) {
            String interval = part.strip();
            duration(interval, text);
            normalized.append(normalized.isEmpty() ? "" : ",").append(interval);
        }
        return normalized.toString();
    }

    private static void duration(String interval, String whole) {
        try {
            if (Duration.parse(interval).isNegative()) {
                throw new IllegalArgumentException("negative interval");
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("csmflow.notification.retry-cycle '" + whole + "': '" + interval
                    + "' is not an ISO-8601 duration such as PT5M (list: PT1M,PT5M; repeat: R5/PT5M)");
        }
    }
}
