package com.csmflow.sla;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import com.csmflow.engine.EngineIdentity;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The managers' SLA board: every open clock, breached first, then warned, then by due; and per client this
 * month's compliance per target from the stopped clocks.
 */
@Service
public class SlaBoard {

    private static final Set<SlaClockState> OPEN = EnumSet.of(SlaClockState.RUNNING, SlaClockState.PAUSED);

    private final SlaClockRepository clocks;
    private final SlaClocks slaClocks;
    private final TaskService taskService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;

    SlaBoard(
            SlaClockRepository clocks,
            SlaClocks slaClocks,
            TaskService taskService,
            EngineIdentity engineIdentity,
            Clock clock) {
        this.clocks = clocks;
        this.slaClocks = slaClocks;
        this.taskService = taskService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    /**
     * One page of open clocks; {@code group} keeps the clocks of instances with an open task for that
     * candidate group (claimed or not). Null filters match everything.
     */
    @Transactional(readOnly = true)
    public Page<SlaClockStatus> open(String clientReference, String metric, String group, PageParameters page) {
        Set<String> instances = Set.of("");
        if (group != null) {
            instances = instancesWithTasksFor(group);
            if (instances.isEmpty()) {
                return new PageImpl<>(List.of(), page.sortedBy(Sort.unsorted()), 0);
            }
        }
        return clocks.board(
                        OPEN,
                        clientReference,
                        metric,
                        group == null,
                        instances,
                        clock.instant(),
                        page.sortedBy(Sort.unsorted()))
                .map(slaClocks::status);
    }

    /** Per client and target, the clocks stopped in {@code month} (UTC; null for this month): met, breached, %. */
    @Transactional(readOnly = true)
    public List<Compliance> compliance(String clientReference, String metric, String month) {
        YearMonth period = month(month);
        Instant from = period.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = period.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return clocks.compliance(clientReference, metric, from, to, SlaClockState.MET, SlaClockState.BREACHED).stream()
                .map(row -> Compliance.of(period, row))
                .toList();
    }

    /** {@code YYYY-MM}, or this month (UTC) when absent. */
    YearMonth month(String month) {
        if (month == null) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException malformed) {
            throw new InvalidFieldException("month", "must be a month as YYYY-MM, e.g. 2026-12");
        }
    }

    private Set<String> instancesWithTasksFor(String group) {
        // The board is for managers (role-checked on the API); the task query runs as the platform so that
        // the list does not depend on which task authorizations a manager happens to hold.
        List<Task> tasks = engineIdentity.asPlatform(() -> taskService
                .createTaskQuery()
                .taskCandidateGroup(group)
                .includeAssignedTasks()
                .active()
                .list());
        Set<String> ids = new LinkedHashSet<>();
        tasks.forEach(task -> ids.add(task.getProcessInstanceId()));
        return ids;
    }

    /** Met and breached clocks of one client and target in one month; percent met is null without any. */
    public record Compliance(
            String month,
            String clientReference,
            com.csmflow.client.CsmTier tier,
            SlaPriority priority,
            String metric,
            long met,
            long breached,
            Double percentMet) {

        static Compliance of(YearMonth month, SlaClockRepository.ComplianceCount row) {
            long met = row.getMet() == null ? 0 : row.getMet().longValue();
            long breached = row.getBreached() == null ? 0 : row.getBreached().longValue();
            long total = met + breached;
            Double percent = total == 0 ? null : Math.round(1000.0 * met / total) / 10.0;
            return new Compliance(
                    month.toString(),
                    row.getClientReference(),
                    row.getTier(),
                    row.getPriority(),
                    row.getMetric(),
                    met,
                    breached,
                    percent);
        }
    }
}
