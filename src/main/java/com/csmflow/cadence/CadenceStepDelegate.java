package com.csmflow.cadence;

import static com.csmflow.engine.CaseVariables.CLIENT_REFERENCE;

import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.DelegateInputs;
import com.csmflow.engine.InputReadingDelegate;
import com.csmflow.notification.ReaderDates;
import com.csmflow.register.ProcessOrigin;
import com.csmflow.sla.BusinessCalendar;
import com.csmflow.sla.BusinessCalendars;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The platform's steps of {@code client-cadence}, input {@code step}:
 * <ul>
 *   <li>{@code OPEN}: the client must exist; the cadence's first day (in the client's zone) is the anchor
 *       of every cycle; the register row is written (its CAD reference the business key), one active per
 *       client.</li>
 *   <li>{@code PLAN} with input {@code item} (a {@link CadenceItem}): the next cycle of the item. Cycle
 *       {@code k} falls on the anchor plus {@code k} cycles, at the client's next opening on or after that
 *       day; the next cycle is the first that starts after the previous one (so a changed period takes
 *       effect without a jump); the task is due {@code time-to-complete} of business time later, on the client's calendar. A
 *       cycle whose time has already passed (the previous task was completed late) is skipped, so a missed
 *       cycle never stacks up a second task: at most one task per item is open. Whether the item applies
 *       (tier, continuity plan) is read again at every cycle from the client's register entry.</li>
 *   <li>{@code CLOSE}: the register row ends with the reason the end message carried.</li>
 * </ul>
 */
@Component("cadenceStep")
class CadenceStepDelegate implements InputReadingDelegate {

    static final String STEP = "step";
    static final String ITEM = "item";
    static final String REGISTER = "client_cadence";
    /** A cadence left alone for longer than this many cycles of one item is a fault, not a plan. */
    private static final int MAX_SKIPPED = 100_000;

    private final Clients clients;
    private final BusinessCalendars calendars;
    private final CadenceSchedule schedule;
    private final ClientCadenceRepository cadences;
    private final RegisterAudit audit;
    private final Clock clock;

    CadenceStepDelegate(
            Clients clients,
            BusinessCalendars calendars,
            CadenceSchedule schedule,
            ClientCadenceRepository cadences,
            RegisterAudit audit,
            Clock clock) {
        this.clients = clients;
        this.calendars = calendars;
        this.schedule = schedule;
        this.cadences = cadences;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DelegateInputs inputs = DelegateInputs.read(execution, Set.of(STEP, ITEM));
        String step = inputs.requiredText(STEP).toUpperCase(Locale.ROOT);
        switch (step) {
            case "OPEN" -> open(execution);
            case "PLAN" ->
                plan(execution, CadenceItem.valueOf(inputs.requiredText(ITEM).toUpperCase(Locale.ROOT)));
            case "CLOSE" -> close(execution);
            default -> throw new IllegalArgumentException("Unknown cadence step '" + step + "'");
        }
    }

    private void open(DelegateExecution execution) {
        Client client = client(execution);
        CLIENT_REFERENCE.set(execution, client.getReference());
        CadenceProcess.ANCHOR_DATE.set(
                execution,
                LocalDate.ofInstant(clock.instant(), client.getTimeZone()).toString());
        boolean continuity = Boolean.TRUE.equals(CadenceProcess.CONTINUITY_TEST_AGREED.get(execution));
        CadenceProcess.CONTINUITY_TEST_AGREED.set(execution, continuity);
        ClientCadence existing = cadences.findActive(client.getReference()).orElse(null);
        if (existing != null) {
            if (existing.getOrigin() != null
                    && execution
                            .getProcessInstanceId()
                            .equals(existing.getOrigin().getProcessInstanceId())) {
                return; // replayed step
            }
            throw new IllegalStateException("Client " + client.getReference() + " already has cadence "
                    + existing.getReference() + "; a second is not started");
        }
        ClientCadence row = cadences.save(new ClientCadence(
                execution.getProcessBusinessKey(),
                client.getReference(),
                continuity,
                CadenceProcess.STARTED_BY.text(execution),
                clock.instant(),
                ProcessOrigin.of(execution)));
        audit.record(execution, REGISTER, row.getReference(), RegisterAudit.CREATE, Map.of(), row.auditView());
    }

    private void plan(DelegateExecution execution, CadenceItem item) {
        Client client = client(execution);
        ZoneId zone = client.getTimeZone();
        BusinessCalendar calendar = calendars.forClient(client);
        LocalDate anchor = LocalDate.parse(CadenceProcess.ANCHOR_DATE.get(execution));
        Period cycle = schedule.cycle(item);
        Instant now = clock.instant();
        // the first cycle after the previous one (by its start, so a changed period does not jump ahead)
        Instant previous = execution.getVariable(item.at()) instanceof Date date ? date.toInstant() : null;
        long number = previous == null ? 1 : firstEstimate(anchor, cycle, LocalDate.ofInstant(previous, zone));
        Instant at = cycleStart(anchor, cycle, number, zone, calendar);
        while (previous != null && !at.isAfter(previous)) {
            number++;
            at = cycleStart(anchor, cycle, number, zone, calendar);
        }
        // cycles whose start passed while the previous task was open are skipped, not stacked
        int skipped = 0;
        while (!at.isAfter(now)) {
            if (++skipped > MAX_SKIPPED) {
                throw new IllegalStateException("Cadence " + execution.getProcessBusinessKey() + " found no future "
                        + item.label() + " within " + MAX_SKIPPED + " cycles");
            }
            number++;
            at = cycleStart(anchor, cycle, number, zone, calendar);
        }
        Instant due = calendar.add(at, schedule.timeToComplete(item));
        boolean continuity = Boolean.TRUE.equals(CadenceProcess.CONTINUITY_TEST_AGREED.get(execution));
        execution.setVariable(item.cycle(), number);
        execution.setVariable(item.at(), Date.from(at));
        execution.setVariable(item.due(), Date.from(due));
        execution.setVariable(item.applies(), item.appliesTo(client.getTier(), continuity));
        String language = client.getLanguage();
        String text = "Cycle " + number + " of the " + item.label() + ", from "
                + ReaderDates.format(at, zone, language) + ", due " + ReaderDates.format(due, zone, language)
                + " (client's business hours: " + calendar.description() + ")"
                + (skipped == 0 ? "" : "; " + skipped + " cycle(s) missed while the previous one was open");
        execution.setVariable(item.text(), text);
    }

    /** A cycle number no later than the one of {@code day}: days over the longest the cycle can last. */
    static long firstEstimate(LocalDate anchor, Period cycle, LocalDate day) {
        long longest = cycle.toTotalMonths() * 31 + cycle.getDays();
        long days = java.time.temporal.ChronoUnit.DAYS.between(anchor, day);
        return Math.max(1, days / Math.max(1, longest) - 1);
    }

    /** Cycle {@code number} starts at the client's first opening on or after the anchor plus that many cycles. */
    static Instant cycleStart(LocalDate anchor, Period cycle, long number, ZoneId zone, BusinessCalendar calendar) {
        LocalDate day = anchor.plus(cycle.multipliedBy(Math.toIntExact(number)));
        return calendar.nextBusinessTime(day.atStartOfDay(zone).toInstant());
    }

    private void close(DelegateExecution execution) {
        ClientCadence row = cadences.findByReference(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException(
                        "No cadence " + execution.getProcessBusinessKey() + " in the register"));
        if (row.getOrigin() == null
                || !execution.getProcessInstanceId().equals(row.getOrigin().getProcessInstanceId())) {
            throw new IllegalStateException("Cadence " + row.getReference() + " belongs to another process instance");
        }
        if (row.getStatus() == ClientCadence.Status.ENDED) {
            return;
        }
        Map<String, Object> before = row.auditView();
        String reason = CadenceProcess.END_REASON.text(execution);
        row.end(reason == null ? "The client's service ended." : reason, clock.instant());
        audit.record(execution, REGISTER, row.getReference(), RegisterAudit.UPDATE, before, row.auditView());
    }

    private Client client(DelegateExecution execution) {
        String reference = CLIENT_REFERENCE.text(execution);
        return clients.findByReference(reference == null ? "" : reference)
                .orElseThrow(() -> new IllegalStateException("Cadence " + execution.getProcessBusinessKey()
                        + ": no client '" + reference + "' in the register"));
    }
}
