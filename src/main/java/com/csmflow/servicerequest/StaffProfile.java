package com.csmflow.servicerequest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A person's short profile and skills (personal data, see {@link PersonalDataAccess}). */
@Entity
@Table(name = "staff_profile")
public class StaffProfile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(nullable = false)
    private String skills;

    @Column(name = "short_profile")
    private String shortProfile;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StaffProfile() {}

    StaffProfile(String userId, List<String> skills, String shortProfile, Instant now) {
        this.userId = userId;
        update(skills, shortProfile, now);
    }

    void update(List<String> skills, String shortProfile, Instant now) {
        this.skills = String.join(",", skills.stream().map(StaffProfile::skill).toList());
        this.shortProfile = shortProfile;
        this.updatedAt = now;
    }

    static String skill(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    public String getUserId() {
        return userId;
    }

    public List<String> getSkills() {
        return skills.isBlank() ? List.of() : Arrays.asList(skills.split(","));
    }

    public String getShortProfile() {
        return shortProfile;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
