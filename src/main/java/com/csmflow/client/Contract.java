package com.csmflow.client;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the client bought: services / technology groups, the base hours per month of its hour tier (the
 * package agreed in onboarding), the hourly rate of hours over the month's allowance, supplemental
 * packages co-termed with it, and the term.
 */
@Entity
@Table(name = "contract")
public class Contract {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "client_id")
    private Client client;

    @Column(nullable = false, unique = true)
    private String reference;

    /** Comma-separated service / technology group names. */
    @Column(nullable = false)
    private String services;

    @Column(name = "contracted_hours_per_month", nullable = false)
    private int contractedHoursPerMonth;

    @Column(name = "term_start", nullable = false)
    private LocalDate termStart;

    @Column(name = "term_end", nullable = false)
    private LocalDate termEnd;

    /** The hour tier package agreed in onboarding (e.g. {@code Silver}); empty until one is recorded. */
    @Column(name = "hour_package")
    private String hourPackage;

    /** What an hour over the month's allowance costs (001 §5: the standard rate, 175). */
    @Column(name = "overage_hourly_rate", nullable = false)
    private BigDecimal overageHourlyRate = DEFAULT_OVERAGE_HOURLY_RATE;

    @OneToMany(mappedBy = "contract", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<ContractSupplement> supplements = new ArrayList<>();

    /** 001 §5: "our standard hourly rates which is currently $175/hour". */
    public static final BigDecimal DEFAULT_OVERAGE_HOURLY_RATE = new BigDecimal("175.00");

    protected Contract() {}

    public Contract(
            String reference,
            List<String> services,
            int contractedHoursPerMonth,
            LocalDate termStart,
            LocalDate termEnd) {
        this.reference = reference;
        this.services = String.join(",", services);
        this.contractedHoursPerMonth = contractedHoursPerMonth;
        this.termStart = termStart;
        this.termEnd = termEnd;
    }

    /** Changes the terms of a contract, keeping its reference (and row). */
    void update(List<String> services, int contractedHoursPerMonth, LocalDate termStart, LocalDate termEnd) {
        this.services = String.join(",", services);
        this.contractedHoursPerMonth = contractedHoursPerMonth;
        this.termStart = termStart;
        this.termEnd = termEnd;
    }

    /** A rate given with the contract; {@code null} keeps the current one. */
    void priceOverage(BigDecimal rate) {
        if (rate != null) {
            this.overageHourlyRate = rate;
        }
    }

    /** The hour tier the CSM agreed: its package and the base monthly hours. */
    void recordHourTier(String hourPackage, int baseHoursPerMonth) {
        this.hourPackage = hourPackage;
        this.contractedHoursPerMonth = baseHoursPerMonth;
    }

    void addSupplement(ContractSupplement supplement) {
        supplement.attachTo(this);
        supplements.add(supplement);
    }

    void attachTo(Client client) {
        this.client = client;
    }

    public Long getId() {
        return id;
    }

    public Client getClient() {
        return client;
    }

    public String getReference() {
        return reference;
    }

    public List<String> getServices() {
        return services.isEmpty()
                ? List.of()
                : Arrays.stream(services.split(",")).map(String::trim).toList();
    }

    public int getContractedHoursPerMonth() {
        return contractedHoursPerMonth;
    }

    public LocalDate getTermStart() {
        return termStart;
    }

    public LocalDate getTermEnd() {
        return termEnd;
    }

    public String getHourPackage() {
        return hourPackage;
    }

    public BigDecimal getOverageHourlyRate() {
        return overageHourlyRate;
    }

    public List<ContractSupplement> getSupplements() {
        return supplements;
    }

    /** Whether the term covers any day from {@code first} to {@code last}. */
    public boolean inForceBetween(LocalDate first, LocalDate last) {
        return !termStart.isAfter(last) && !termEnd.isBefore(first);
    }
}
