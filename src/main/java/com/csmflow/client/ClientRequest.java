package com.csmflow.client;

import com.csmflow.client.ClientConstraints.BusinessHours;
import com.csmflow.client.ClientConstraints.HolidayRegion;
import com.csmflow.client.ClientConstraints.LanguageTag;
import com.csmflow.client.ClientConstraints.OnCreate;
import com.csmflow.client.ClientConstraints.OnUpdate;
import com.csmflow.client.ClientConstraints.Term;
import com.csmflow.client.ClientConstraints.ValidZoneId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/clients} (reference required) and {@code PUT /api/clients/{reference}}
 * (version required; reference may be left out, and if given must match the URL). Contacts and
 * contracts are the complete new lists; contracts are matched by reference, so an update keeps them.
 * {@code designatedCsm}, {@code backupCsm} (user ids in group csm) and {@code cseTeam} (user ids in group
 * cse) say who looks after the client; left out, the client's tasks go to the whole group.
 * {@code notifyClientOfBreaches}: the contract term "the client is told of SLA breaches" (left out: on for a
 * new client, unchanged on update).
 */
@BusinessHours
record ClientRequest(
        @NotBlank(groups = OnCreate.class)
        @Size(max = 32)
        @Pattern(
                regexp = "[A-Z][A-Z0-9]*(-[A-Z0-9]+)*",
                message = "must be upper-case letters, digits and dashes, e.g. ACME or ACME-EU")
        String reference,

        @NotBlank @Size(max = 200) String name,
        @NotNull CsmTier tier,
        @NotBlank @LanguageTag String language,
        @NotBlank @ValidZoneId String timeZone,
        @NotNull LocalTime businessDayStart,
        @NotNull LocalTime businessDayEnd,
        @NotEmpty Set<DayOfWeek> businessDays,
        @NotBlank @HolidayRegion String holidayRegion,
        Set<LocalDate> closingDays,
        List<@Valid @NotNull ContactData> contacts,
        List<@Valid @NotNull ContractData> contracts,
        @NotNull(groups = OnUpdate.class) Long version,
        @Size(max = 64) String designatedCsm,
        @Size(max = 64) String backupCsm,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> cseTeam,
        Boolean notifyClientOfBreaches) {

    List<String> cseTeamList() {
        return cseTeam == null ? List.of() : cseTeam;
    }

    List<ContactData> contactList() {
        return contacts == null ? List.of() : contacts;
    }

    List<ContractData> contractList() {
        return contracts == null ? List.of() : contracts;
    }

    Set<LocalDate> closingDaySet() {
        return closingDays == null ? Set.of() : closingDays;
    }

    /** A person at the client; {@code receivesServiceNotices} defaults to true. */
    record ContactData(
            @NotBlank @Size(max = 200) String name,

            @NotBlank @Size(max = 320) @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be an e-mail address")
            String email,

            @NotBlank @Size(max = 100) String role,
            Boolean receivesServiceNotices) {

        boolean notices() {
            return receivesServiceNotices == null || receivesServiceNotices;
        }
    }

    /**
     * Services (technology groups), base hours per month and term of one contract; optionally its hour tier
     * package and the hourly rate of overage hours (empty on create: 175; empty on update: unchanged).
     */
    @Term
    record ContractData(
            @NotBlank
            @Size(max = 32)
            @Pattern(regexp = "[A-Z0-9][A-Z0-9-]*", message = "must be upper-case letters, digits and dashes")
            String reference,

            @NotEmpty
            List<@NotBlank @Size(max = 100) @Pattern(regexp = "[^,]+", message = "must not contain commas") String>
                    services,

            @NotNull @PositiveOrZero @Max(10000) Integer contractedHoursPerMonth,
            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,
            @Size(max = 32) String hourPackage,

            @PositiveOrZero @DecimalMax("100000") @Digits(integer = 6, fraction = 2)
            BigDecimal overageHourlyRate) {

        ContractData(
                String reference,
                List<String> services,
                Integer contractedHoursPerMonth,
                LocalDate termStart,
                LocalDate termEnd) {
            this(reference, services, contractedHoursPerMonth, termStart, termEnd, null, null);
        }
    }
}
