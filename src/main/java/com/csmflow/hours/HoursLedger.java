package com.csmflow.hours;

import com.csmflow.client.Client;
import com.csmflow.client.ContractHours;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.security.RoleGroup;
import com.csmflow.worklist.CaseRouting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hours ledger of a client's calendar month in the client's time zone (seed 001 §2.2, §5): base plus
 * supplemental hours of the contracts in force against the time entries of the month; what remains, what is
 * over and what the overage costs at the contract's hourly rate. Every month starts afresh: unused hours do
 * not roll over. When the month's use reaches 80 % and 100 % the client's CSM (as {@link CaseRouting} routes
 * its tasks: the designated CSM, the backup while the CSM is away, else the csm group) and the account managers are
 * warned, each threshold once a month ({@link HoursWarning} is the proof; an {@code hours-warning} instance
 * mails it through the notification outbox).
 */
@Service
class HoursLedger {

    static final List<Integer> THRESHOLDS = List.of(80, 100);

    private final TimeEntryRepository entries;
    private final HoursWarningRepository warnings;
    private final ContractHours contractHours;
    private final BusinessKeys businessKeys;
    private final RuntimeService runtimeService;
    private final EngineIdentity engineIdentity;
    private final Clock clock;
    private final CaseRouting routing;

    HoursLedger(
            TimeEntryRepository entries,
            HoursWarningRepository warnings,
            ContractHours contractHours,
            BusinessKeys businessKeys,
            RuntimeService runtimeService,
            EngineIdentity engineIdentity,
            Clock clock,
            CaseRouting routing) {
        this.routing = routing;
        this.entries = entries;
        this.warnings = warnings;
        this.contractHours = contractHours;
        this.businessKeys = businessKeys;
        this.runtimeService = runtimeService;
        this.engineIdentity = engineIdentity;
        this.clock = clock;
    }

    record Warning(int thresholdPercent, String reference, java.time.Instant warnedAt) {}

    /** One client's month; hours with two decimals, the amount in the contract's currency. */
    record Ledger(
            String clientReference,
            YearMonth month,
            String timeZone,
            List<ContractHours.ContractMonth> contracts,
            int baseHours,
            int supplementalHours,
            int availableHours,
            BigDecimal usedHours,
            BigDecimal remainingHours,
            BigDecimal overageHours,
            BigDecimal overageHourlyRate,
            BigDecimal overageAmount,
            int percentUsed,
            long usedMinutes,
            List<Warning> warnings) {}

    /** The current month in the client's time zone: what "this month" means for the client. */
    YearMonth currentMonth(Client client) {
        return YearMonth.from(clock.instant().atZone(client.getTimeZone()));
    }

    @Transactional(readOnly = true)
    Ledger of(Client client, YearMonth month) {
        ContractHours.MonthlyAllowance allowance = contractHours.allowance(client, month);
        long used = entries.minutesBetween(client.getReference(), month.atDay(1), month.atEndOfMonth());
        long available = allowance.totalHours() * 60L;
        long overage = Math.max(0, used - available);
        BigDecimal rate = allowance.overageHourlyRate();
        return new Ledger(
                client.getReference(),
                month,
                client.getTimeZone().getId(),
                allowance.contracts(),
                allowance.baseHours(),
                allowance.supplementalHours(),
                allowance.totalHours(),
                hours(used),
                hours(Math.max(0, available - used)),
                hours(overage),
                rate,
                BigDecimal.valueOf(overage).multiply(rate).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP),
                available == 0 ? 0 : (int) (used * 100 / available),
                used,
                warnings
                        .findByClientReferenceAndMonthOrderByThresholdPercent(client.getReference(), month.toString())
                        .stream()
                        .map(w -> new Warning(w.getThresholdPercent(), w.getReference(), w.getWarnedAt()))
                        .toList());
    }

    /**
     * After time was recorded in this month: each threshold the month has reached and not yet warned of is
     * recorded and mailed, in the caller's transaction (a rolled-back entry warns nobody). A month without
     * hours (no contract in force) warns nobody.
     */
    @Transactional
    void warnIfDue(Client client, YearMonth month) {
        Ledger ledger = of(client, month);
        long available = ledger.availableHours() * 60L;
        if (available == 0) {
            return;
        }
        for (int threshold : THRESHOLDS) {
            boolean reached = ledger.usedMinutes() * 100 >= available * threshold;
            if (reached
                    && !warnings.existsByClientReferenceAndMonthAndThresholdPercent(
                            client.getReference(), month.toString(), threshold)) {
                warn(client, ledger, threshold);
            }
        }
    }

    private void warn(Client client, Ledger ledger, int threshold) {
        String reference = businessKeys.next("HRS");
        warnings.saveAndFlush(new HoursWarning(
                reference,
                client.getReference(),
                ledger.month().toString(),
                threshold,
                Math.toIntExact(ledger.usedMinutes()),
                ledger.availableHours() * 60,
                clock.instant()));
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(CaseVariables.CLIENT_REFERENCE.name(), client.getReference());
        variables.put(HoursProcess.MONTH.name(), ledger.month().toString());
        variables.put(HoursProcess.THRESHOLD_PERCENT.name(), (long) threshold);
        variables.put(HoursProcess.USED_HOURS.name(), ledger.usedHours().toPlainString());
        variables.put(HoursProcess.AVAILABLE_HOURS.name(), Integer.toString(ledger.availableHours()));
        variables.put(
                HoursProcess.REMAINING_HOURS.name(), ledger.remainingHours().toPlainString());
        variables.put(HoursProcess.OVERAGE_HOURS.name(), ledger.overageHours().toPlainString());
        variables.put(
                HoursProcess.OVERAGE_RATE.name(), ledger.overageHourlyRate().toPlainString());
        String csm = routing.csmFor(client).orElse(null);
        variables.put(HoursProcess.WARNED_USERS.name(), csm == null ? "" : csm);
        variables.put(
                HoursProcess.WARNED_GROUPS.name(),
                csm == null
                        ? RoleGroup.ACCOUNT_MANAGER.id() + "," + RoleGroup.CSM.id()
                        : RoleGroup.ACCOUNT_MANAGER.id());
        engineIdentity.asPlatform(() -> runtimeService
                .createProcessInstanceByKey(HoursProcess.WARNING_KEY)
                .businessKey(reference)
                .setVariables(variables)
                .execute());
    }

    private static BigDecimal hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
