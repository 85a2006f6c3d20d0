package com.csmflow.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A supplemental package (seed 001 §2.1): extra hours a month on top of a contract's base package, ordered
 * by change request, counted from its first month until the contract's term ends (co-termed: it has no end
 * of its own, so a contract whose term moves takes its supplements along).
 */
@Entity
@Table(name = "contract_supplement")
public class ContractSupplement {

    /** The supplemental packages of the service guide's table (001 §2.1). */
    public enum Kind {
        CSDM_ONLY,
        CSE_CLOUD_SERVER_STORAGE,
        CSE_NETWORK,
        CSE_SECURITY,
        CSE_UNIFIED_COMMUNICATIONS
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String reference;

    @ManyToOne(optional = false)
    @JoinColumn(name = "contract_id")
    private Contract contract;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(name = "hours_per_month", nullable = false)
    private int hoursPerMonth;

    /** The first day of the first month the hours count in. */
    @Column(name = "starts_on", nullable = false)
    private LocalDate startsOn;

    /** The change request that ordered it (001 §2.1: supplements are added by change request). */
    @Column(name = "change_reference", nullable = false)
    private String changeReference;

    @Column
    private String note;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ContractSupplement() {}

    ContractSupplement(
            String reference,
            Kind kind,
            int hoursPerMonth,
            YearMonth firstMonth,
            String changeReference,
            String note,
            String createdBy,
            Instant createdAt) {
        this.reference = reference;
        this.kind = kind;
        this.hoursPerMonth = hoursPerMonth;
        this.startsOn = firstMonth.atDay(1);
        this.changeReference = changeReference;
        this.note = note;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void attachTo(Contract contract) {
        this.contract = contract;
    }

    /** Whether its hours count in this month: from its first month to the month the contract's term ends. */
    public boolean countsIn(YearMonth month) {
        return !YearMonth.from(startsOn).isAfter(month)
                && !YearMonth.from(contract.getTermEnd()).isBefore(month);
    }

    public Long getId() {
        return id;
    }

    public String getReference() {
        return reference;
    }

    public Contract getContract() {
        return contract;
    }

    public Kind getKind() {
        return kind;
    }

    public int getHoursPerMonth() {
        return hoursPerMonth;
    }

    public YearMonth getFirstMonth() {
        return YearMonth.from(startsOn);
    }

    /** Co-termed: the contract's term end. */
    public LocalDate getEndsOn() {
        return contract.getTermEnd();
    }

    public String getChangeReference() {
        return changeReference;
    }

    public String getNote() {
        return note;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
