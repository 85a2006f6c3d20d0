package com.csmflow.notification;

import com.csmflow.client.Client;
import com.csmflow.sla.BusinessCalendars;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * When a non-urgent client notice may go out: the client's next business time (its working hours in
 * its own time zone, minus public holidays of its region and its closing days), from the SLA
 * calendars. Null means "now is fine".
 */
@Component
class NoticeHours {

    private final BusinessCalendars calendars;

    NoticeHours(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    Instant holdUntil(Client client, Instant now) {
        Instant next = calendars.forClient(client).nextBusinessTime(now);
        return next.isAfter(now) ? next : null;
    }
}
