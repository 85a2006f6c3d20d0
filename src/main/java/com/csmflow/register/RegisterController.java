package com.csmflow.register;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.api.PageParameters;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The generic register's rows, e.g. {@code GET /api/registers/billing-record?businessKey=CHG-2026-0042}. */
@RestController
@RequestMapping("/api/registers")
class RegisterController {

    private final RegisterEntryRepository entries;
    private final ObjectMapper objectMapper;

    RegisterController(RegisterEntryRepository entries, ObjectMapper objectMapper) {
        this.entries = entries;
        this.objectMapper = objectMapper;
    }

    @GetMapping("/{register}")
    @Transactional(readOnly = true)
    public ResponseEntity<List<RegisterEntryView>> list(
            @PathVariable String register,
            @RequestParam(required = false) String businessKey,
            @RequestParam(required = false) String reference,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = PageParameters.DEFAULT_SIZE) int size) {
        if (!register.matches("[a-z][a-z0-9-]{1,63}")) {
            throw new InvalidFieldException("register", "a register name is kebab case, e.g. billing-record");
        }
        Pageable pageable = new PageParameters(page, size).sortedBy(Sort.by("id"));
        Page<RegisterEntry> found;
        if (businessKey != null && !businessKey.isBlank()) {
            found = entries.findByRegisterAndOriginBusinessKey(register, businessKey, pageable);
        } else if (reference != null && !reference.isBlank()) {
            found = entries.findByRegisterAndReference(register, reference, pageable);
        } else {
            found = entries.findByRegister(register, pageable);
        }
        return PageParameters.response(found, this::view);
    }

    private RegisterEntryView view(RegisterEntry entry) {
        JsonNode data;
        try {
            data = objectMapper.readTree(entry.getData());
        } catch (JsonProcessingException e) {
            data = objectMapper.getNodeFactory().textNode(entry.getData());
        }
        ProcessOrigin origin = entry.getOrigin();
        return new RegisterEntryView(
                entry.getId(),
                entry.getRegister(),
                entry.getReference(),
                origin == null ? null : origin.getBusinessKey(),
                origin == null ? null : origin.getProcessInstanceId(),
                entry.getActivityId(),
                entry.getAction(),
                data,
                entry.getCreatedAt());
    }

    record RegisterEntryView(
            Long id,
            String register,
            String reference,
            String businessKey,
            String processInstanceId,
            String activityId,
            String action,
            JsonNode data,
            Instant createdAt) {}
}
