package com.csmflow.client;

import com.csmflow.register.ProcessOrigin;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;

/** A client as the API shows it; {@code version} goes back in the next PUT. */
record ClientResponse(
        String reference,
        String name,
        CsmTier tier,
        String language,
        String timeZone,
        LocalTime businessDayStart,
        LocalTime businessDayEnd,
        List<DayOfWeek> businessDays,
        String holidayRegion,
        List<LocalDate> closingDays,
        List<Contact> contacts,
        List<ContractView> contracts,
        boolean retired,
        long version,
        Instant createdAt,
        Instant updatedAt,
        String processInstanceId,
        String businessKey,
        String designatedCsm,
        String backupCsm,
        List<String> cseTeam,
        boolean notifyClientOfBreaches) {

    record Contact(String name, String email, String role, boolean receivesServiceNotices) {}

    record ContractView(
            String reference,
            List<String> services,
            int contractedHoursPerMonth,
            LocalDate termStart,
            LocalDate termEnd,
            String hourPackage,
            BigDecimal overageHourlyRate,
            List<SupplementView> supplements) {}

    /** A supplemental package of a contract; it ends with the contract's term. */
    record SupplementView(
            String reference,
            String kind,
            int hoursPerMonth,
            YearMonth firstMonth,
            LocalDate endsOn,
            String changeReference,
            String note,
            String createdBy,
            Instant createdAt) {
        static SupplementView of(ContractSupplement s) {
            return new SupplementView(
                    s.getReference(),
                    s.getKind().name(),
                    s.getHoursPerMonth(),
                    s.getFirstMonth(),
                    s.getEndsOn(),
                    s.getChangeReference(),
                    s.getNote(),
                    s.getCreatedBy(),
                    s.getCreatedAt());
        }
    }

    static ClientResponse of(Client client) {
        ProcessOrigin origin = client.getOrigin();
        return new ClientResponse(
                client.getReference(),
                client.getName(),
                client.getTier(),
                client.getLanguage(),
                client.getTimeZone().getId(),
                client.getBusinessDayStart(),
                client.getBusinessDayEnd(),
                client.getBusinessDays().stream().sorted().toList(),
                client.getHolidayRegion(),
                client.getClosingDays().stream().sorted().toList(),
                client.getContacts().stream()
                        .map(c -> new Contact(c.getName(), c.getEmail(), c.getRole(), c.isReceivesServiceNotices()))
                        .toList(),
                client.getContracts().stream()
                        .map(c -> new ContractView(
                                c.getReference(),
                                c.getServices(),
                                c.getContractedHoursPerMonth(),
                                c.getTermStart(),
                                c.getTermEnd(),
                                c.getHourPackage(),
                                c.getOverageHourlyRate(),
                                c.getSupplements().stream()
                                        .map(SupplementView::of)
                                        .toList()))
                        .toList(),
                client.isRetired(),
                client.getVersion(),
                client.getCreatedAt(),
                client.getUpdatedAt(),
                origin == null ? null : origin.getProcessInstanceId(),
                origin == null ? null : origin.getBusinessKey(),
                client.getDesignatedCsm(),
                client.getBackupCsm(),
                client.getCseTeam(),
                client.isNotifyClientOfBreaches());
    }
}
