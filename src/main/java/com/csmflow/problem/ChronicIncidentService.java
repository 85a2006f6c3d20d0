package com.csmflow.problem;

import com.csmflow.api.ConflictException;
import com.csmflow.api.InvalidFieldException;
import com.csmflow.client.Client;
import com.csmflow.client.Clients;
import com.csmflow.engine.CaseVariables;
import com.csmflow.engine.EngineIdentity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records client incidents per service/CI and opens ONE problem when a client reports the same
 * service/CI often enough: the threshold (number of incidents within a period of days) per client
 * tier comes from the decision table {@code problem-chronic-incident-threshold}.
 * <p>
 * Concurrency: every incident of a client takes the row lock of that client's register row
 * ({@code SELECT ... FOR UPDATE}) before counting, so two incidents arriving at the same moment are
 * evaluated one after the other; the second sees the problem the first opened (its transaction has
 * committed by the time the lock is granted) and only links to it.
 */
@Service
public class ChronicIncidentService {

    private final ClientIncidentRepository incidents;
    private final Clients clients;
    private final ProblemRepository problems;
    private final ProblemService problemService;
    private final DecisionService decisionService;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final EngineIdentity engineIdentity;

    ChronicIncidentService(
            ClientIncidentRepository incidents,
            Clients clients,
            ProblemRepository problems,
            ProblemService problemService,
            DecisionService decisionService,
            JdbcTemplate jdbc,
            Clock clock,
            EngineIdentity engineIdentity) {
        this.engineIdentity = engineIdentity;
        this.clock = clock;
        this.incidents = incidents;
        this.clients = clients;
        this.problems = problems;
        this.problemService = problemService;
        this.decisionService = decisionService;
        this.jdbc = jdbc;
    }

    /** What happened to one reported incident. */
    public record Outcome(
            ClientIncident incident,
            int incidentsInPeriod,
            int threshold,
            int periodDays,
            String problemReference,
            boolean problemOpened) {}

    @Transactional
    public Outcome record(
            String clientReference, String incidentReference, String serviceKey, String summary, String priority) {
        String clientRef = problemService.checkClient(clientReference);
        if (incidentReference == null || incidentReference.isBlank()) {
            throw new InvalidFieldException("incidentReference", "is required");
        }
        if (serviceKey == null || serviceKey.isBlank()) {
            throw new InvalidFieldException("serviceKey", "is required (service or configuration item)");
        }
        String service = serviceKey.trim().toLowerCase(Locale.ROOT);
        String problemPriority =
                ProblemService.normalisePriority(priority == null || priority.isBlank() ? "P3" : priority);

        // Serialise all incident evaluation of one client (see class comment).
        jdbc.queryForList("SELECT id FROM client WHERE reference = ? FOR UPDATE", clientRef);
        if (incidents.existsByClientReferenceAndIncidentReference(clientRef, incidentReference.trim())) {
            throw new ConflictException("Incident " + incidentReference + " of " + clientRef + " is already recorded");
        }
        Instant now = clock.instant();
        ClientIncident incident =
                incidents.save(new ClientIncident(clientRef, incidentReference.trim(), service, summary, now));

        Client client = clients.findByReference(clientRef).orElseThrow();
        // the decision table is configuration, not something the reporting user needs engine rights for
        Map<String, Object> threshold = engineIdentity.asPlatform(() -> decisionService
                .evaluateDecisionTableByKey(
                        ProblemProcess.CHRONIC_INCIDENT_DECISION,
                        Variables.createVariables()
                                .putValue(
                                        CaseVariables.CLIENT_TIER.name(),
                                        client.getTier().name()))
                .getSingleResult()
                .getEntryMap());
        int count = ((Number) threshold.get(ProblemProcess.DECISION_INCIDENT_COUNT)).intValue();
        int days = ((Number) threshold.get(ProblemProcess.DECISION_PERIOD_DAYS)).intValue();

        List<ClientIncident> inPeriod = incidents.findByClientReferenceAndServiceKeyAndReportedAtGreaterThanEqual(
                clientRef, service, now.minus(Duration.ofDays(days)));
        String chronicKey = clientRef + "|" + service;
        String openProblem = problems.findByChronicKeyAndStatusNot(chronicKey, ProblemStatus.CLOSED).stream()
                .map(Problem::getReference)
                .findFirst()
                .orElse(null);
        boolean opened = false;
        if (openProblem == null && inPeriod.size() >= count) {
            String references = String.join(
                    ", ",
                    inPeriod.stream().map(ClientIncident::getIncidentReference).toList());
            openProblem = problemService
                    .open(
                            clientRef,
                            "incident",
                            references,
                            "Chronic incidents on " + service + ": " + inPeriod.size() + " within " + days + " days",
                            problemPriority,
                            chronicKey)
                    .getReference();
            opened = true;
            String linked = openProblem;
            inPeriod.forEach(each -> each.linkProblem(linked));
        } else if (openProblem != null) {
            incident.linkProblem(openProblem);
        }
        return new Outcome(incident, inPeriod.size(), count, days, openProblem, opened);
    }
}
