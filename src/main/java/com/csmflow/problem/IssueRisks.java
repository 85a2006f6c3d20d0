package com.csmflow.problem;

import com.csmflow.api.InvalidFieldException;
import com.csmflow.audit.RegisterAudit;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import com.csmflow.register.BusinessKeys;
import com.csmflow.register.ProcessOrigin;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises entries in the issues and risk register directly (API and Tasklist start form); the same rules
 * for both. An entry raised through the API starts its {@code issue-risk} review in the same transaction.
 */
@Service
class IssueRisks {

    static final String REGISTER = SipActionStepDelegate.RISK_REGISTER;

    private final RiskRepository risks;
    private final Clients activeClients;
    private final BusinessKeys businessKeys;
    private final RegisterAudit audit;
    private final RuntimeService runtimeService;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    IssueRisks(
            RiskRepository risks,
            Clients activeClients,
            BusinessKeys businessKeys,
            RegisterAudit audit,
            RuntimeService runtimeService,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.risks = risks;
        this.activeClients = activeClients;
        this.businessKeys = businessKeys;
        this.audit = audit;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.engineIdentity = engineIdentity;
    }

    /** Through the API: the row, then its review workflow with the reference as business key. */
    @Transactional
    Risk raiseAndReview(
            String clientReference, String entryType, String description, String owner, LocalDate reviewDate) {
        Risk risk = raise(clientReference, entryType, description, owner, reviewDate, null);
        engineIdentity.asPlatform(() -> runtimeService.startProcessInstanceByKey(
                IssueRiskProcess.KEY,
                risk.getReference(),
                Map.of(
                        CaseVariables.CLIENT_REFERENCE.name(),
                        risk.getClientReference(),
                        IssueRiskProcess.RISK_REFERENCE.name(),
                        risk.getReference())));
        return risk;
    }

    /** Checks and writes a new entry (status OPEN), audited; {@code origin} null when no process wrote it. */
    Risk raise(
            String clientReference,
            String entryType,
            String description,
            String owner,
            LocalDate reviewDate,
            ProcessOrigin origin) {
        String client = activeClients.require(clientReference).getReference();
        RiskEntryType type = entryType(entryType);
        String text = required("description", description, 4000);
        String who = required("owner", owner, 255);
        if (reviewDate == null) {
            throw new InvalidFieldException("reviewDate", "is required");
        }
        if (reviewDate.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw new InvalidFieldException("reviewDate", "must not be in the past");
        }
        Risk risk = risks.save(Risk.raised(
                businessKeys.next(type == RiskEntryType.ISSUE ? "ISS" : "RSK"),
                client,
                type,
                text,
                who,
                reviewDate,
                clock.instant(),
                origin));
        audit.record(REGISTER, risk.getReference(), RegisterAudit.CREATE, Map.of(), risk.auditView());
        return risk;
    }

    static RiskEntryType entryType(String value) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        try {
            return RiskEntryType.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("entryType", "must be one of " + Arrays.toString(RiskEntryType.values()));
        }
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.length() > max) {
            throw new InvalidFieldException(field, "has at most " + max + " characters");
        }
        return value.trim();
    }
}
