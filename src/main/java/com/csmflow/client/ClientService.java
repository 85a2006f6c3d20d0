package com.csmflow.client;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.NotFoundException;
import com.csmflow.api.PageParameters;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.security.RoleGroup;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes to the client register. Every write is one transaction together with its audit entry, so a
 * rejected request leaves nothing behind. Input has passed bean validation; the rules that need the
 * database or the whole request (duplicates, stale version, retired) are checked here.
 */
@Service
class ClientService {

    static final String REGISTER = "client";

    private final ClientRepository clients;
    private final RegisterAudit audit;
    private final Clock clock;
    private final IdentityService identityService;
    private final EngineIdentity engineIdentity;

    ClientService(
            ClientRepository clients,
            RegisterAudit audit,
            Clock clock,
            IdentityService identityService,
            EngineIdentity engineIdentity) {
        this.clock = clock;
        this.identityService = identityService;
        this.engineIdentity = engineIdentity;
        this.clients = clients;
        this.audit = audit;
    }

    @Transactional
    public ClientResponse create(ClientRequest request) {
        if (clients.existsByReference(request.reference())) {
            throw new ConflictException("Client '" + request.reference() + "' already exists");
        }
        checkContracts(request.reference(), request);
        checkStaff(request);
        Client client = new Client(
                request.reference(),
                request.name(),
                request.tier(),
                request.language(),
                ZoneId.of(request.timeZone()),
                request.businessDayStart(),
                request.businessDayEnd(),
                request.businessDays(),
                request.holidayRegion());
        client.replaceClosingDays(request.closingDaySet());
        client.replaceContacts(contacts(request));
        client.assignStaff(
                blankToNull(request.designatedCsm()), blankToNull(request.backupCsm()), request.cseTeamList());
        if (request.notifyClientOfBreaches() != null) {
            client.setNotifyClientOfBreaches(request.notifyClientOfBreaches());
        }
        request.contractList().forEach(contract -> client.addContract(newContract(contract)));
        Client saved = clients.saveAndFlush(client);
        audit.record(REGISTER, saved.getReference(), RegisterAudit.CREATE, Map.of(), snapshot(saved));
        return ClientResponse.of(saved);
    }

    @Transactional(readOnly = true)
    public ClientResponse get(String reference) {
        return ClientResponse.of(find(reference));
    }

    @Transactional(readOnly = true)
    public ClientPage list(CsmTier tier, boolean includeRetired, PageParameters page) {
        Page<Client> found = clients.search(tier, includeRetired, page.sortedBy(Sort.by("reference")));
        return new ClientPage(
                found.map(ClientResponse::of).getContent(),
                page.page(),
                page.size(),
                found.getTotalElements(),
                found.getTotalPages());
    }

    /** Replaces the client's data if {@code request.version()} is still current; 409 otherwise. */
    @Transactional
    public ClientResponse update(String reference, ClientRequest request) {
        if (request.reference() != null && !request.reference().equals(reference)) {
            throw new InvalidFieldException("reference", "the reference of a client cannot be changed");
        }
        Client client = find(reference);
        if (client.isRetired()) {
            throw new ConflictException("Client '" + reference + "' is retired and can no longer be changed");
        }
        if (request.version() != client.getVersion()) {
            throw new ConflictException("Client '" + reference + "' was changed by someone else (version "
                    + client.getVersion() + ", yours " + request.version() + "): reload and try again");
        }
        checkContracts(reference, request);
        checkStaff(request);
        Map<String, Object> before = snapshot(client);
        client.update(
                request.name(),
                request.tier(),
                request.language(),
                ZoneId.of(request.timeZone()),
                request.businessDayStart(),
                request.businessDayEnd(),
                request.businessDays(),
                request.holidayRegion(),
                clock.instant());
        client.replaceClosingDays(request.closingDaySet());
        client.replaceContacts(contacts(request));
        client.assignStaff(
                blankToNull(request.designatedCsm()), blankToNull(request.backupCsm()), request.cseTeamList());
        if (request.notifyClientOfBreaches() != null) {
            client.setNotifyClientOfBreaches(request.notifyClientOfBreaches());
        }
        mergeContracts(client, request.contractList());
        Client saved = clients.saveAndFlush(client);
        audit.record(REGISTER, reference, RegisterAudit.UPDATE, before, snapshot(saved));
        return ClientResponse.of(saved);
    }

    /** Retired clients stay in the register (history, audit) but get no new work; 409 when already retired. */
    @Transactional
    public ClientResponse retire(String reference) {
        Client client = find(reference);
        if (client.isRetired()) {
            throw new ConflictException("Client '" + reference + "' is already retired");
        }
        client.retire(clock.instant());
        Client saved = clients.saveAndFlush(client);
        audit.record(REGISTER, reference, RegisterAudit.RETIRE, Map.of("retired", false), Map.of("retired", true));
        return ClientResponse.of(saved);
    }

    private Client find(String reference) {
        return clients.findByReference(reference).orElseThrow(() -> new NotFoundException("Client", reference));
    }

    /** Contract references are unique: within the request (400) and across clients (409). */
    private void checkContracts(String clientReference, ClientRequest request) {
        Set<String> seen = new HashSet<>();
        List<ClientRequest.ContractData> contracts = request.contractList();
        for (int i = 0; i < contracts.size(); i++) {
            String reference = contracts.get(i).reference();
            if (!seen.add(reference)) {
                throw new InvalidFieldException("contracts[" + i + "].reference", "appears twice in this client");
            }
            if (clients.contractBelongsToAnotherClient(reference, clientReference)) {
                throw new ConflictException("Contract '" + reference + "' belongs to another client");
            }
        }
    }

    /**
     * The designated CSM and the backup are users of the csm group, and two different people (a backup
     * who is the CSM covers nobody); the CSE team are users of the cse group, each once.
     */
    private void checkStaff(ClientRequest request) {
        String designated = blankToNull(request.designatedCsm());
        String backup = blankToNull(request.backupCsm());
        requireMember("designatedCsm", designated, RoleGroup.CSM);
        requireMember("backupCsm", backup, RoleGroup.CSM);
        if (backup != null && backup.equals(designated)) {
            throw new InvalidFieldException("backupCsm", "must be another person than the designated CSM");
        }
        if (backup != null && designated == null) {
            throw new InvalidFieldException("backupCsm", "needs a designated CSM to stand in for");
        }
        List<String> team = request.cseTeamList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < team.size(); i++) {
            String field = "cseTeam[" + i + "]";
            requireMember(field, team.get(i), RoleGroup.CSE);
            if (!seen.add(team.get(i))) {
                throw new InvalidFieldException(field, "appears twice in the team");
            }
        }
    }

    /** Asked as the platform: a CSM may not read other users through the engine, but may name them here. */
    private void requireMember(String field, String userId, RoleGroup group) {
        if (userId == null) {
            return;
        }
        boolean exists = engineIdentity.asPlatform(
                () -> identityService.createUserQuery().userId(userId).count() > 0);
        if (!exists) {
            throw new InvalidFieldException(field, "no user with this id");
        }
        boolean member = engineIdentity.asPlatform(() -> identityService
                        .createUserQuery()
                        .userId(userId)
                        .memberOfGroup(group.id())
                        .count()
                > 0);
        if (!member) {
            throw new InvalidFieldException(field, "is not a member of the group '" + group.id() + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static List<ClientContact> contacts(ClientRequest request) {
        return request.contactList().stream()
                .map(contact -> new ClientContact(contact.name(), contact.email(), contact.role(), contact.notices()))
                .toList();
    }

    /** Keeps contracts whose reference is still listed (same row, new terms), drops the others, adds new ones. */
    private static void mergeContracts(Client client, List<ClientRequest.ContractData> wanted) {
        Map<String, ClientRequest.ContractData> byReference =
                wanted.stream().collect(Collectors.toMap(ClientRequest.ContractData::reference, contract -> contract));
        client.getContracts().removeIf(existing -> !byReference.containsKey(existing.getReference()));
        for (ClientRequest.ContractData data : wanted) {
            client.getContracts().stream()
                    .filter(existing -> existing.getReference().equals(data.reference()))
                    .findFirst()
                    .ifPresentOrElse(
                            existing -> {
                                existing.update(
                                        data.services(),
                                        data.contractedHoursPerMonth(),
                                        data.termStart(),
                                        data.termEnd());
                                if (data.hourPackage() != null
                                        && !data.hourPackage().isBlank()) {
                                    existing.recordHourTier(data.hourPackage().strip(), data.contractedHoursPerMonth());
                                }
                                existing.priceOverage(data.overageHourlyRate());
                            },
                            () -> client.addContract(newContract(data)));
        }
    }

    private static Contract newContract(ClientRequest.ContractData data) {
        Contract contract = new Contract(
                data.reference(), data.services(), data.contractedHoursPerMonth(), data.termStart(), data.termEnd());
        if (data.hourPackage() != null && !data.hourPackage().isBlank()) {
            contract.recordHourTier(data.hourPackage().strip(), data.contractedHoursPerMonth());
        }
        contract.priceOverage(data.overageHourlyRate());
        return contract;
    }

    /** The client's fields as the audit log compares them. */
    static Map<String, Object> snapshot(Client client) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", client.getName());
        fields.put("tier", client.getTier().name());
        fields.put("language", client.getLanguage());
        fields.put("timeZone", client.getTimeZone().getId());
        fields.put("businessDayStart", client.getBusinessDayStart().toString());
        fields.put("businessDayEnd", client.getBusinessDayEnd().toString());
        fields.put(
                "businessDays",
                client.getBusinessDays().stream().sorted().map(Enum::name).toList());
        fields.put("holidayRegion", client.getHolidayRegion());
        fields.put(
                "closingDays",
                client.getClosingDays().stream().sorted().map(Object::toString).toList());
        fields.put("designatedCsm", client.getDesignatedCsm());
        fields.put("backupCsm", client.getBackupCsm());
        fields.put("cseTeam", client.getCseTeam());
        fields.put(
                "contacts",
                client.getContacts().stream()
                        .map(contact -> Map.of(
                                "name",
                                contact.getName(),
                                "email",
                                contact.getEmail(),
                                "role",
                                contact.getRole(),
                                "receivesServiceNotices",
                                contact.isReceivesServiceNotices()))
                        .toList());
        fields.put(
                "contracts",
                client.getContracts().stream()
                        .map(contract -> Map.of(
                                "reference",
                                contract.getReference(),
                                "services",
                                contract.getServices(),
                                "contractedHoursPerMonth",
                                contract.getContractedHoursPerMonth(),
                                "termStart",
                                contract.getTermStart().toString(),
                                "termEnd",
                                contract.getTermEnd().toString(),
                                "hourPackage",
                                contract.getHourPackage() == null ? "" : contract.getHourPackage(),
                                "overageHourlyRate",
                                contract.getOverageHourlyRate().toPlainString(),
                                "supplements",
                                contract.getSupplements().stream()
                                        .map(ContractSupplement::getReference)
                                        .toList()))
                        .toList());
        return fields;
    }
}
