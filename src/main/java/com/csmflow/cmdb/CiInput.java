package com.csmflow.cmdb;

import jakarta.validation.constraints.Size;

/**
 * What a person gives for a configuration item ({@code POST}, {@code PUT} and {@code PATCH /api/cis}, the
 * onboarding's CMDB set-up form). Required fields are checked by {@link ConfigurationItems}, which names
 * the field: {@code POST} needs client, name, type and technology group; {@code PUT} the same but the
 * client, which never changes; {@code PATCH} changes only what it gives.
 */
public record CiInput(
        @Size(max = 64) String clientReference,
        @Size(max = 200) String name,
        @Size(max = 32) String type,
        @Size(max = 100) String technologyGroup,
        @Size(max = 200) String location,
        @Size(max = 255) String owner,
        @Size(max = 16) String status,
        @Size(max = 64) String version) {}
