package com.csmflow.client;

import com.csmflow.register.ProcessOrigin;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A client of the provider: its tier, where and when it works (time zone, business hours, holiday
 * region and extra closing days), who to tell (contacts) and what it bought (contracts).
 */
@Entity
@EntityListeners(ClientTimestamps.class)
@Table(name = "client")
public class Client {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** Human reference used in business keys and mails, e.g. {@code ACME}. */
    @Column(nullable = false, unique = true)
    private String reference;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CsmTier tier;

    /** IETF language tag of the client's notices, e.g. {@code en}, {@code de}. */
    @Column(nullable = false)
    private String language;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "business_day_start", nullable = false)
    private LocalTime businessDayStart;

    @Column(name = "business_day_end", nullable = false)
    private LocalTime businessDayEnd;

    /** Comma-separated {@link DayOfWeek} names, e.g. {@code MONDAY,TUESDAY,...}. */
    @Column(name = "business_days", nullable = false)
    private String businessDays;

    /** Holiday calendar: ISO country code, optionally with subdivision, e.g. {@code DE-BY}, {@code US-NY}. */
    @Column(name = "holiday_region", nullable = false)
    private String holidayRegion;

    @ElementCollection
    @CollectionTable(name = "client_closing_day", joinColumns = @JoinColumn(name = "client_id"))
    @Column(name = "closing_day")
    private Set<LocalDate> closingDays = new TreeSet<>();

    @OneToMany(mappedBy = "client", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<ClientContact> contacts = new ArrayList<>();

    @OneToMany(mappedBy = "client", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<Contract> contracts = new ArrayList<>();

    /** User id of the client's designated CSM (group csm), who gets the client's CSM tasks first. */
    @Column(name = "designated_csm")
    private String designatedCsm;

    /** User id of the CSM who covers while the designated CSM is away. */
    @Column(name = "backup_csm")
    private String backupCsm;

    /** Comma-separated user ids of the client's named CSE team (group cse); empty: the whole group. */
    @Column(name = "cse_team")
    private String cseTeam;

    @Column(nullable = false)
    private boolean retired;

    /**
     * Contract term (004 SLM): the client's notice recipients are told of breaches of client-facing SLA
     * targets. On by default (migration V226); turned off for a client whose contract says otherwise.
     */
    @Column(name = "notify_client_of_breaches", nullable = false)
    private boolean notifyClientOfBreaches = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /** The process instance that created the client; empty for clients created through the REST API. */
    @Embedded
    private ProcessOrigin origin;

    protected Client() {}

    public Client(
            String reference,
            String name,
            CsmTier tier,
            String language,
            ZoneId timeZone,
            LocalTime businessDayStart,
            LocalTime businessDayEnd,
            Set<DayOfWeek> businessDays,
            String holidayRegion) {
        this.reference = reference;
        apply(name, tier, language, timeZone, businessDayStart, businessDayEnd, businessDays, holidayRegion);
    }

    /** Stamped from the platform clock when the row is first written ({@link ClientTimestamps}). */
    void stampCreation(Instant now) {
        if (createdAt == null) {
            createdAt = now;
            updatedAt = now;
        }
    }

    public void update(
            String name,
            CsmTier tier,
            String language,
            ZoneId timeZone,
            LocalTime businessDayStart,
            LocalTime businessDayEnd,
            Set<DayOfWeek> businessDays,
            String holidayRegion,
            Instant now) {
        apply(name, tier, language, timeZone, businessDayStart, businessDayEnd, businessDays, holidayRegion);
        this.updatedAt = now;
    }

    private void apply(
            String name,
            CsmTier tier,
            String language,
            ZoneId timeZone,
            LocalTime businessDayStart,
            LocalTime businessDayEnd,
            Set<DayOfWeek> businessDays,
            String holidayRegion) {
        this.name = name;
        this.tier = tier;
        this.language = language;
        this.timeZone = timeZone.getId();
        this.businessDayStart = businessDayStart;
        this.businessDayEnd = businessDayEnd;
        this.businessDays = businessDays.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
        this.holidayRegion = holidayRegion;
    }

    public void replaceContacts(List<ClientContact> newContacts) {
        contacts.clear();
        newContacts.forEach(this::addContact);
    }

    public void addContact(ClientContact contact) {
        contact.attachTo(this);
        contacts.add(contact);
    }

    public void replaceContracts(List<Contract> newContracts) {
        contracts.clear();
        newContracts.forEach(this::addContract);
    }

    public void addContract(Contract contract) {
        contract.attachTo(this);
        contracts.add(contract);
    }

    public void replaceClosingDays(Set<LocalDate> days) {
        closingDays.clear();
        closingDays.addAll(days);
    }

    /** Who looks after the client; {@code null} or empty for "the whole group". */
    public void assignStaff(String designatedCsm, String backupCsm, List<String> cseTeam) {
        this.designatedCsm = designatedCsm;
        this.backupCsm = backupCsm;
        this.cseTeam = cseTeam == null || cseTeam.isEmpty() ? null : String.join(",", cseTeam);
    }

    public void retire(Instant now) {
        this.retired = true;
        this.updatedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public String getName() {
        return name;
    }

    public CsmTier getTier() {
        return tier;
    }

    public String getLanguage() {
        return language;
    }

    public ZoneId getTimeZone() {
        return ZoneId.of(timeZone);
    }

    public LocalTime getBusinessDayStart() {
        return businessDayStart;
    }

    public LocalTime getBusinessDayEnd() {
        return businessDayEnd;
    }

    public Set<DayOfWeek> getBusinessDays() {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(businessDays.split(","))
                .filter(day -> !day.isBlank())
                .map(String::trim)
                .map(DayOfWeek::valueOf)
                .forEach(days::add);
        return days;
    }

    public String getHolidayRegion() {
        return holidayRegion;
    }

    public Set<LocalDate> getClosingDays() {
        return closingDays;
    }

    public List<ClientContact> getContacts() {
        return contacts;
    }

    /** The contacts who receive service notices (maintenance, outcomes, RCAs, updates). */
    public List<ClientContact> getNoticeRecipients() {
        return contacts.stream().filter(ClientContact::isReceivesServiceNotices).toList();
    }

    public boolean isNotifyClientOfBreaches() {
        return notifyClientOfBreaches;
    }

    /** Sets the contract term "the client is told of SLA breaches". */
    public void setNotifyClientOfBreaches(boolean notify) {
        this.notifyClientOfBreaches = notify;
    }

    public List<Contract> getContracts() {
        return contracts;
    }

    public String getDesignatedCsm() {
        return designatedCsm;
    }

    public String getBackupCsm() {
        return backupCsm;
    }

    public List<String> getCseTeam() {
        return cseTeam == null || cseTeam.isBlank()
                ? List.of()
                : Arrays.stream(cseTeam.split(",")).map(String::trim).toList();
    }

    public boolean isRetired() {
        return retired;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    public ProcessOrigin getOrigin() {
        return origin;
    }

    public void recordOrigin(ProcessOrigin origin) {
        this.origin = origin;
    }
}
