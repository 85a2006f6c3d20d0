package com.csmflow.worklist;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is away: staff read it; CSMs and service managers record and clear it (they organise the cover,
 * seed 002). While a client's designated CSM is away, its CSM tasks go to the backup.
 */
@RestController
@RequestMapping("/api/staff/{userId}/absence")
class StaffAbsenceController {

    private final StaffAbsences absences;

    StaffAbsenceController(StaffAbsences absences) {
        this.absences = absences;
    }

    @ApiResponse(responseCode = "200", description = "The recorded absence")
    @ApiResponse(responseCode = "404", description = "No such user, or no absence recorded")
    @GetMapping
    StaffAbsences.AbsenceView get(@PathVariable String userId) {
        return absences.get(userId);
    }

    @ApiResponse(
            responseCode = "200",
            description = "The absence as recorded, with the number of open CSM tasks handed to backups")
    @ApiResponse(responseCode = "404", description = "No such user")
    @PutMapping
    StaffAbsences.AbsenceView record(@PathVariable String userId, @Valid @RequestBody AbsenceRequest request) {
        return absences.record(userId, request);
    }

    @ApiResponse(responseCode = "204", description = "The person is no longer recorded as away")
    @ApiResponse(responseCode = "404", description = "No such user")
    @DeleteMapping
    ResponseEntity<Void> clear(@PathVariable String userId) {
        absences.clear(userId);
        return ResponseEntity.noContent().build();
    }
}
