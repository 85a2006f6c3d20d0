package com.csmflow.hours;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.InvalidInputException;
import com.csmflow.api.ListFilters;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.CaseRegister;
import com.csmflow.security.RoleGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records time spent on a client's work, from the API or from a completed task carrying
 * {@code timeSpentMinutes}, and warns when the month's hours run out ({@link HoursLedger#warnIfDue}).
 */
@Service
class TimeEntries {

    static final String REGISTER = "time_entry";
    static final int MAX_MINUTES = 24 * 60;

    private final TimeEntryRepository entries;
    private final HoursLedger ledger;
    private final Clients clients;
    private final List<CaseRegister> caseRegisters;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;
    private final RegisterAudit audit;
    private final Clock clock;

    TimeEntries(
            TimeEntryRepository entries,
            HoursLedger ledger,
            Clients clients,
            List<CaseRegister> caseRegisters,
            IdentityService identityService,
            EngineIdentity engineIdentity,
            RegisterAudit audit,
            Clock clock) {
        this.entries = entries;
        this.ledger = ledger;
        this.clients = clients;
        this.caseRegisters = caseRegisters;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the API was given, after bean validation; the rules needing the database are checked here. */
    record NewEntry(
            String clientReference,
            LocalDate date,
            java.time.OffsetDateTime workedAt,
            Integer minutes,
            BigDecimal hours,
            String userId,
            String caseReference,
            String note) {}

    @Transactional
    TimeEntry record(NewEntry request) {
        Client client = clients.require(request.clientReference());
        int minutes = minutes(request.minutes(), request.hours());
        Instant workedAt =
                request.workedAt() == null ? null : request.workedAt().toInstant();
        LocalDate day;
        if (request.date() != null && workedAt != null) {
            throw new InvalidFieldException("workedAt", "give either date or workedAt, not both");
        } else if (workedAt != null) {
            day = workedAt.atZone(client.getTimeZone()).toLocalDate();
        } else if (request.date() != null) {
            day = request.date();
        } else {
            throw new InvalidFieldException("date", "is required (or workedAt, an instant with offset)");
        }
        LocalDate today = clock.instant().atZone(client.getTimeZone()).toLocalDate();
        if (day.isAfter(today)) {
            throw new InvalidFieldException(
                    workedAt != null ? "workedAt" : "date",
                    "must not be in the future (client's today: " + today + ")");
        }
        String caller = engineIdentity.currentUserIdOr("system");
        String who = request.userId() == null || request.userId().isBlank()
                ? caller
                : staffMember(request.userId().strip());
        String caseReference = caseOf(client, request.caseReference());
        TimeEntry saved = save(new TimeEntry(
                client.getReference(),
                day,
                workedAt,
                minutes,
                who,
                caseReference,
                blankToNull(request.note()),
                TimeEntry.Source.API,
                null,
                caller,
                clock.instant()));
        ledger.warnIfDue(client, YearMonth.from(day));
        return saved;
    }

    /**
     * A task completed with {@code timeSpentMinutes} above 0: an entry for the task's client and case, by its
     * assignee (or whoever completes it), on the client's day of completion; once per task. The variable is
     * removed afterwards so the next task of the case does not book it again. Bad input is refused under the
     * field, like any other form field.
     */
    @Transactional
    void recordFromTask(DelegateTask task) {
        Object raw = task.getVariable(HoursProcess.TIME_SPENT_MINUTES.name());
        if (raw == null || (raw instanceof String text && text.isBlank())) {
            return;
        }
        int minutes = taskMinutes(raw);
        task.removeVariable(HoursProcess.TIME_SPENT_MINUTES.name());
        if (minutes == 0 || entries.existsByTaskId(task.getId())) {
            return;
        }
        String clientReference = CaseVariables.CLIENT_REFERENCE.text(task);
        Client client = clients.findByReference(clientReference)
                .orElseThrow(() -> new InvalidInputException(
                        HoursProcess.TIME_SPENT_MINUTES.name(),
                        "this task's case names no client to book the time to"));
        String who = task.getAssignee() != null ? task.getAssignee() : engineIdentity.currentUserId();
        if (who == null) {
            throw new InvalidInputException(
                    HoursProcess.TIME_SPENT_MINUTES.name(), "claim the task first: the time is booked to its assignee");
        }
        Instant now = clock.instant();
        LocalDate day = now.atZone(client.getTimeZone()).toLocalDate();
        save(new TimeEntry(
                client.getReference(),
                day,
                now,
                minutes,
                who,
                task.getExecution() == null ? null : task.getExecution().getProcessBusinessKey(),
                truncate(task.getName(), 2000),
                TimeEntry.Source.TASK,
                task.getId(),
                engineIdentity.currentUserIdOr("system"),
                now));
        engineIdentity.asPlatform(() -> ledger.warnIfDue(client, YearMonth.from(day)));
    }

    @Transactional(readOnly = true)
    Page<TimeEntry> list(
            String clientReference, String month, String userId, String caseReference, PageParameters page) {
        Specification<TimeEntry> filter = ListFilters.allOf(
                ListFilters.equal("clientReference", upper(clientReference)),
                ListFilters.equal("staffUser", blankToNull(userId)),
                ListFilters.equal("caseReference", upper(caseReference)),
                monthFilter(month));
        return entries.findAll(filter, page.sortedBy(Sort.by(Sort.Order.desc("workDate"), Sort.Order.desc("id"))));
    }

    private static Specification<TimeEntry> monthFilter(String month) {
        if (month == null || month.isBlank()) {
            return (root, query, cb) -> null;
        }
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month.strip());
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new InvalidFieldException("month", "must be a month such as 2026-12");
        }
        return (root, query, cb) -> cb.between(root.get("workDate"), parsed.atDay(1), parsed.atEndOfMonth());
    }

    private TimeEntry save(TimeEntry entry) {
        TimeEntry saved = entries.saveAndFlush(entry);
        audit.record(REGISTER, "TE-" + saved.getId(), RegisterAudit.CREATE, Map.of(), view(saved));
        return saved;
    }

    private static int minutes(Integer minutes, BigDecimal hours) {
        if (minutes != null && hours != null) {
            throw new InvalidFieldException("hours", "give either minutes or hours, not both");
        }
        if (minutes == null && hours == null) {
            throw new InvalidFieldException("minutes", "is required (or hours)");
        }
        if (minutes != null) {
            if (minutes < 1 || minutes > MAX_MINUTES) {
                throw new InvalidFieldException("minutes", "must be between 1 and " + MAX_MINUTES);
            }
            return minutes;
        }
        BigDecimal inMinutes = hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP);
        if (inMinutes.compareTo(BigDecimal.ONE) < 0 || inMinutes.compareTo(BigDecimal.valueOf(MAX_MINUTES)) > 0) {
            throw new InvalidFieldException("hours", "must be more than 0 and at most 24");
        }
        return inMinutes.intValueExact();
    }

    private static int taskMinutes(Object raw) {
        double value;
        if (raw instanceof Number number) {
            value = number.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().strip());
            } catch (NumberFormatException notANumber) {
                throw new InvalidInputException(HoursProcess.TIME_SPENT_MINUTES.name(), "must be a number of minutes");
            }
        }
        if (Double.isNaN(value) || value < 0 || value > MAX_MINUTES) {
            throw new InvalidInputException(
                    HoursProcess.TIME_SPENT_MINUTES.name(), "must be between 0 and " + MAX_MINUTES + " minutes");
        }
        return (int) Math.round(value);
    }

    /** A user of one of the role groups: staff whose time counts. */
    private String staffMember(String userId) {
        List<String> groups =
                Arrays.stream(RoleGroup.values()).map(RoleGroup::id).toList();
        boolean staff = engineIdentity.asPlatform(() -> groups.stream()
                .anyMatch(group -> identityService
                                .createUserQuery()
                                .userId(userId)
                                .memberOfGroup(group)
                                .count()
                        > 0));
        if (!staff) {
            throw new InvalidFieldException("userId", "no staff member (user of a role group) with this id");
        }
        return userId;
    }

    /** The case must be a case of this client in one of the case registers. */
    private String caseOf(Client client, String reference) {
        String wanted = upper(reference);
        if (wanted == null) {
            return null;
        }
        return caseRegisters.stream()
                .flatMap(register -> register.find(wanted).stream())
                .filter(row -> client.getReference().equals(row.getClientReference()))
                .map(row -> row.getReference())
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(
                        "caseReference", "no case of client " + client.getReference() + " with this reference"));
    }

    static Map<String, Object> view(TimeEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("clientReference", entry.getClientReference());
        fields.put("workDate", entry.getWorkDate().toString());
        fields.put(
                "workedAt",
                entry.getWorkedAt() == null ? null : entry.getWorkedAt().toString());
        fields.put("minutes", entry.getMinutes());
        fields.put("userId", entry.getStaffUser());
        fields.put("caseReference", entry.getCaseReference());
        fields.put("note", entry.getNote());
        fields.put("source", entry.getSource().name());
        fields.put("taskId", entry.getTaskId());
        return fields;
    }

    private static String upper(String text) {
        return text == null || text.isBlank() ? null : text.strip().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
