package com.csmflow.client;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A person at the client; those who receive service notices get the client-facing mails. */
@Entity
@Table(name = "client_contact")
public class ClientContact {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "client_id")
    private Client client;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String role;

    @Column(name = "receives_service_notices", nullable = false)
    private boolean receivesServiceNotices;

    protected ClientContact() {}

    public ClientContact(String name, String email, String role, boolean receivesServiceNotices) {
        this.name = name;
        this.email = email;
        this.role = role;
        this.receivesServiceNotices = receivesServiceNotices;
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

    public String getName() {
        return name;
    }

    public String getEmail() {
        return email;
    }

    public String getRole() {
        return role;
    }

    public boolean isReceivesServiceNotices() {
        return receivesServiceNotices;
    }
}
