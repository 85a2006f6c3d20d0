package com.csmflow.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/** What the client bought: services / technology groups, hours per month, and the term. */
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
}
