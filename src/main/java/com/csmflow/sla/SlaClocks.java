package com.csmflow.sla;

import com.csmflow.api.PageParameters;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, pauses, resumes, re-targets and stops SLA clocks. Runs in the caller's transaction (the
 * engine's, when called from a delegate), so a clock row and the process step that changed it commit
 * or roll back together and a retried job never leaves a second row. "Now" is the engine clock
 * (the injected {@link java.time.Clock}) so tests can move time.
 *
 * <p>A clock is found by process instance and clock name; when the process instance has none (a
 * sub-process acting on its parent's clock) by business key and clock name.
 *
 * <p>Every change is announced as a {@link SlaClockChanged} event in the same transaction, so what
 * follows a clock (the due and follow-up dates of the case's open tasks) moves with it.
 */
@Service
public class SlaClocks {

    private static final Set<SlaClockState> ACTIVE = EnumSet.of(SlaClockState.RUNNING, SlaClockState.PAUSED);

    private final SlaClockRepository clocks;
    private final SlaTargets targets;
    private final Clients clients;
    private final BusinessCalendars calendars;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SlaClocks(
            SlaClockRepository clocks,
            SlaTargets targets,
            Clients clients,
            BusinessCalendars calendars,
            Clock clock,
            ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
        this.clocks = clocks;
        this.targets = targets;
        this.clients = clients;
        this.calendars = calendars;
    }

    /**
     * Starts a clock on the target of the client's tier, the priority and the metric. An active clock
     * of the same name in the same process instance is stopped first (a restarted cadence clock).
     */
    @Transactional
    public SlaClock start(
            String businessKey,
            String processInstanceId,
            String clockName,
            String clientReference,
            String metric,
            SlaPriority priority) {
        Instant now = now();
        Client client = client(clientReference);
        SlaTarget target = target(client, priority, metric);
        if (processInstanceId != null) {
            clocks.findByProcessInstanceIdAndClockNameAndStateIn(processInstanceId, clockName, ACTIVE)
                    .forEach(previous -> previous.stop(calendarOf(previous), now));
        }
        return changed(clocks.save(new SlaClock(
                businessKey,
                processInstanceId,
                clockName,
                metric,
                clientReference,
                client.getTier(),
                target,
                calendar(target.getCalendar(), client),
                now)));
    }

    @Transactional
    public SlaClock pause(String processInstanceId, String businessKey, String clockName) {
        SlaClock clock = active(processInstanceId, businessKey, clockName);
        clock.pause(calendarOf(clock), now());
        return changed(clock);
    }

    @Transactional
    public SlaClock resume(String processInstanceId, String businessKey, String clockName) {
        SlaClock clock = active(processInstanceId, businessKey, clockName);
        clock.resume(calendarOf(clock), now());
        return changed(clock);
    }

    /** Changes the priority of a running or paused clock, keeping its elapsed and paused time. */
    @Transactional
    public SlaClock retarget(String processInstanceId, String businessKey, String clockName, SlaPriority newPriority) {
        SlaClock clock = active(processInstanceId, businessKey, clockName);
        Client client = client(clock.getClientReference());
        SlaTarget target = target(client, newPriority, clock.getMetric());
        clock.retarget(newPriority, target, calendarOf(clock), calendar(target.getCalendar(), client), now());
        return changed(clock);
    }

    @Transactional
    public SlaClock stop(String processInstanceId, String businessKey, String clockName) {
        SlaClock clock = active(processInstanceId, businessKey, clockName);
        clock.stop(calendarOf(clock), now());
        return changed(clock);
    }

    /**
     * The clock a case's tasks are due by: of the running clocks of the process instance or the business
     * key (a sub-process working on its parent's case), the one due first. Paused and stopped clocks
     * set no deadline.
     */
    @Transactional(readOnly = true)
    public Optional<SlaClock> governing(String processInstanceId, String businessKey) {
        return clocks.findActiveByProcessInstanceIdOrBusinessKeyWithoutFlush(processInstanceId, businessKey).stream()
                .filter(candidate -> candidate.getState() == SlaClockState.RUNNING)
                .min(Comparator.comparing(SlaClock::getDueAt).thenComparing(SlaClock::getId));
    }

    @Transactional(readOnly = true)
    public List<SlaClock> search(String businessKey, String processInstanceId, SlaClockState state, int limit) {
        return clocks.search(businessKey, processInstanceId, state, PageRequest.of(0, limit));
    }

    /** One page of clocks, oldest first. */
    @Transactional(readOnly = true)
    public Page<SlaClock> search(
            String businessKey, String processInstanceId, SlaClockState state, PageParameters page) {
        return clocks.searchPage(businessKey, processInstanceId, state, page.sortedBy(Sort.unsorted()));
    }

    /** The calendar the clock counts on (the client's business calendar or 24x7). */
    @Transactional(readOnly = true)
    public BusinessCalendar calendarOf(SlaClock clock) {
        return clock.getCalendar() == SlaCalendarType.TWENTY_FOUR_SEVEN
                ? calendars.twentyFourSeven()
                : calendars.forClient(client(clock.getClientReference()));
    }

    /** Net business time of a clock up to now (its final value once stopped). */
    @Transactional(readOnly = true)
    public Duration elapsed(SlaClock clock) {
        return clock.elapsed(calendarOf(clock), now());
    }

    /** Business time the clock has been paused, up to now. */
    @Transactional(readOnly = true)
    public Duration paused(SlaClock clock) {
        return clock.paused(calendarOf(clock), now());
    }

    /** Where the clock stands now: light, business time counted and left, on its own calendar. */
    @Transactional(readOnly = true)
    public SlaClockStatus status(SlaClock clock) {
        Instant now = now();
        BusinessCalendar calendar = calendarOf(clock);
        Duration elapsed = clock.elapsed(calendar, now);
        return new SlaClockStatus(
                clock,
                SlaLight.of(clock, now),
                elapsed,
                clock.target().minus(elapsed),
                calendar.description(),
                calendar.zone());
    }

    private SlaClock active(String processInstanceId, String businessKey, String clockName) {
        List<SlaClock> found = processInstanceId == null
                ? List.of()
                : clocks.findByProcessInstanceIdAndClockNameAndStateIn(processInstanceId, clockName, ACTIVE);
        if (found.isEmpty() && businessKey != null) {
            found = clocks.findByBusinessKeyAndClockNameAndStateIn(businessKey, clockName, ACTIVE);
        }
        if (found.size() != 1) {
            throw new IllegalStateException((found.isEmpty() ? "No" : found.size()) + " active SLA clock(s) named '"
                    + clockName + "' for business key " + businessKey + " / process instance " + processInstanceId);
        }
        return found.get(0);
    }

    private SlaClock changed(SlaClock changed) {
        events.publishEvent(new SlaClockChanged(changed.getBusinessKey(), changed.getProcessInstanceId()));
        return changed;
    }

    private BusinessCalendar calendar(SlaCalendarType type, Client client) {
        return type == SlaCalendarType.TWENTY_FOUR_SEVEN ? calendars.twentyFourSeven() : calendars.forClient(client);
    }

    private Client client(String reference) {
        return clients.findByReference(reference)
                .orElseThrow(() -> new IllegalArgumentException("Unknown client '" + reference + "'"));
    }

    private SlaTarget target(Client client, SlaPriority priority, String metric) {
        return targets.find(client.getTier(), priority, metric)
                .orElseThrow(() -> new IllegalStateException(
                        "No SLA target for " + client.getTier() + " " + priority + " " + metric));
    }

    private Instant now() {
        return clock.instant();
    }
}
