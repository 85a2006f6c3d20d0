package com.csmflow.client;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.CaseRegister;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hours a client bought (seed 001 §2): per contract the agreed hour tier (package, base hours a
 * month), the overage rate, and supplemental packages added by change request and co-termed with the
 * contract. Other capabilities read a client's allowance for a month ({@link #allowance}) and record the
 * tier agreed in onboarding ({@link #recordHourTier}).
 */
@Service
public class ContractHours {

    /** The register name of contract supplements in the audit log. */
    static final String SUPPLEMENT_REGISTER = "contract_supplement";
    /** The change register's name ({@code ChangeRegister.REGISTER}): supplements are ordered by change request. */
    static final String CHANGE_REGISTER = "change";

    private static final int MAX_SUPPLEMENT_HOURS = 400;

    private final ClientRepository clients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final Clock clock;
    private final EngineIdentity engineIdentity;
    private final List<CaseRegister> caseRegisters;

    ContractHours(
            ClientRepository clients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            Clock clock,
            EngineIdentity engineIdentity,
            List<CaseRegister> caseRegisters) {
        this.clients = clients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
        this.caseRegisters = caseRegisters;
    }

    /** One contract's share of a month: base hours, supplemental hours counting that month, its rate. */
    public record ContractMonth(
            String contractReference,
            String hourPackage,
            int baseHours,
            int supplementalHours,
            BigDecimal overageHourlyRate,
            LocalDate termStart,
            LocalDate termEnd) {}

    /**
     * A client's allowance for a calendar month: every contract whose term touches the month counts with its
     * full base hours and the supplements counting that month. Overage is priced at the rate of the contract
     * in force last in the month (the latest term start); without a contract, the standard rate.
     */
    public record MonthlyAllowance(
            String clientReference, YearMonth month, List<ContractMonth> contracts, BigDecimal overageHourlyRate) {

        public int baseHours() {
            return contracts.stream().mapToInt(ContractMonth::baseHours).sum();
        }

        public int supplementalHours() {
            return contracts.stream().mapToInt(ContractMonth::supplementalHours).sum();
        }

        public int totalHours() {
            return baseHours() + supplementalHours();
        }
    }

    @Transactional(readOnly = true)
    public MonthlyAllowance allowance(Client client, YearMonth month) {
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        Client fresh = clients.findByReference(client.getReference())
                .orElseThrow(() -> new NotFoundException("Client", client.getReference()));
        List<Contract> inForce = fresh.getContracts().stream()
                .filter(contract -> contract.inForceBetween(first, last))
                .sorted(Comparator.comparing(Contract::getTermStart).thenComparing(Contract::getId))
                .toList();
        List<ContractMonth> shares = inForce.stream()
                .map(contract -> new ContractMonth(
                        contract.getReference(),
                        contract.getHourPackage(),
                        contract.getContractedHoursPerMonth(),
                        contract.getSupplements().stream()
                                .filter(supplement -> supplement.countsIn(month))
                                .mapToInt(ContractSupplement::getHoursPerMonth)
                                .sum(),
                        contract.getOverageHourlyRate(),
                        contract.getTermStart(),
                        contract.getTermEnd()))
                .toList();
        BigDecimal rate = inForce.isEmpty()
                ? Contract.DEFAULT_OVERAGE_HOURLY_RATE
                : inForce.get(inForce.size() - 1).getOverageHourlyRate();
        return new MonthlyAllowance(fresh.getReference(), month, shares, rate);
    }

    /**
     * Records the hour tier agreed in onboarding on the client's contract in force on {@code day} (or, before
     * the first term starts, the next contract to start): its package, and its base hours a month. Empty when
     * the client has no current or future contract (nothing to record it on; the onboarding's register row
     * keeps the agreed tier).
     */
    @Transactional
    public Optional<String> recordHourTier(String clientReference, String hourPackage, int baseHours, LocalDate day) {
        Client client = clients.findByReference(clientReference)
                .orElseThrow(() -> new InvalidFieldException("clientReference", "no client with this reference"));
        Optional<Contract> contract = client.getContracts().stream()
                .filter(candidate -> !candidate.getTermEnd().isBefore(day))
                .min(Comparator.comparing(
                                (Contract candidate) -> candidate.getTermStart().isAfter(day))
                        .thenComparing(Contract::getTermStart, Comparator.reverseOrder()));
        contract.ifPresent(found -> {
            Map<String, Object> before = ClientService.snapshot(client);
            found.recordHourTier(hourPackage, baseHours);
            clients.saveAndFlush(client);
            audit.record(
                    ClientService.REGISTER,
                    client.getReference(),
                    RegisterAudit.UPDATE,
                    before,
                    ClientService.snapshot(client));
        });
        return contract.map(Contract::getReference);
    }

    /** The input of {@link #addSupplement}, checked by bean validation first. */
    record SupplementRequest(
            String kind, Integer hoursPerMonth, String firstMonth, String changeReference, String note) {}

    /**
     * Adds a supplemental package to a client's contract: the contract must have a base package (001 §2.1),
     * the first month must lie in the contract's term, and the change request that ordered it must be a
     * change of this client in the change register.
     */
    @Transactional
    ContractSupplement addSupplement(String clientReference, String contractReference, SupplementRequest request) {
        Client client = clients.findByReference(upper(clientReference))
                .filter(found -> !found.isRetired())
                .orElseThrow(() -> new NotFoundException("Client", clientReference));
        Contract contract = contract(client, contractReference);
        ContractSupplement.Kind kind = kind(request.kind());
        int hours = request.hoursPerMonth() == null ? 0 : request.hoursPerMonth();
        if (hours < 10 || hours > MAX_SUPPLEMENT_HOURS || hours % 10 != 0) {
            throw new InvalidFieldException(
                    "hoursPerMonth", "must be packages of 10 hours: 10, 20, ... " + MAX_SUPPLEMENT_HOURS);
        }
        YearMonth first = month("firstMonth", request.firstMonth());
        if (first.isBefore(YearMonth.from(contract.getTermStart()))
                || first.isAfter(YearMonth.from(contract.getTermEnd()))) {
            throw new InvalidFieldException(
                    "firstMonth",
                    "must lie in the contract's term " + contract.getTermStart() + " to " + contract.getTermEnd());
        }
        String change = changeOf(client, request.changeReference());
        if (contract.getContractedHoursPerMonth() <= 0) {
            throw new ConflictException("Contract " + contract.getReference()
                    + " has no base package: supplemental hours need one (seed 001 §2.1)");
        }
        ContractSupplement supplement = new ContractSupplement(
                businessKeys.next("SUP"),
                kind,
                hours,
                first,
                change,
                request.note() == null || request.note().isBlank()
                        ? null
                        : request.note().strip(),
                engineIdentity.currentUserIdOr("system"),
                clock.instant());
        contract.addSupplement(supplement);
        clients.saveAndFlush(client);
        audit.record(SUPPLEMENT_REGISTER, supplement.getReference(), RegisterAudit.CREATE, Map.of(), view(supplement));
        return supplement;
    }

    private static Contract contract(Client client, String contractReference) {
        return client.getContracts().stream()
                .filter(contract -> contract.getReference().equals(upper(contractReference)))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Contract", contractReference));
    }

    private static ContractSupplement.Kind kind(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException("kind", "is required");
        }
        try {
            return ContractSupplement.Kind.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidFieldException("kind", "must be one of " + List.of(ContractSupplement.Kind.values()));
        }
    }

    static YearMonth month(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        try {
            return YearMonth.parse(text.strip());
        } catch (java.time.format.DateTimeParseException invalid) {
            throw new InvalidFieldException(field, "must be a month such as 2026-12");
        }
    }

    /** The change request's reference as the change register has it, if it is a change of this client. */
    private String changeOf(Client client, String reference) {
        if (reference == null || reference.isBlank()) {
            throw new InvalidFieldException(
                    "changeReference", "is required: supplements are ordered by change request");
        }
        String wanted = reference.strip().toUpperCase(Locale.ROOT);
        return caseRegisters.stream()
                .filter(register -> CHANGE_REGISTER.equals(register.name()))
                .flatMap(register -> register.find(wanted).stream())
                .filter(change -> client.getReference().equals(change.getClientReference()))
                .map(change -> change.getReference())
                .findFirst()
                .orElseThrow(() -> new InvalidFieldException(
                        "changeReference",
                        "no change request of client " + client.getReference() + " with this reference"));
    }

    static Map<String, Object> view(ContractSupplement supplement) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("contractReference", supplement.getContract().getReference());
        fields.put("kind", supplement.getKind().name());
        fields.put("hoursPerMonth", supplement.getHoursPerMonth());
        fields.put("firstMonth", supplement.getFirstMonth().toString());
        fields.put("endsOn", supplement.getEndsOn().toString());
        fields.put("changeReference", supplement.getChangeReference());
        fields.put("note", supplement.getNote());
        return fields;
    }

    private static String upper(String text) {
        return text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    }
}
