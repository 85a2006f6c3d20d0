package com.csmflow.hardening;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.hardening.ApiEndpoints.Endpoint;
import com.csmflow.harness.CsmFlowTest;
import com.csmflow.security.RoleGroup;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Issue 8, access: every domain API operation (discovered from Spring MVC, like
 * {@link HostileInputTest}) and a representative set of engine REST resources, called without
 * credentials, with a wrong password, by a user in no group, and by the demo user of every role group
 * and the admin. The expected matrix is data below, and docs/security.md shows the same table.
 * <p>
 * "Allowed" on the domain API means the role check let the call through (anything but 401/403: a 400
 * for the empty body, a 404 for the unknown reference, a 200). On the engine REST API, lists are
 * filtered by engine authorizations rather than refused, so a case says what the caller may see.
 */
@CsmFlowTest
class AccessMatrixTest {

    private static final String ADMIN = Groups.CAMUNDA_ADMIN;
    private static final String NO_GROUP_USER = "access-probe-nogroup";
    private static final String LOCKED_USER = "access-probe-wrongpw";
    /** Not the user id: the password policy refuses that (docs/security.md, "Password policy"). */
    private static final String NO_GROUP_PASSWORD = "no-group-password-1";

    private static final Set<String> ALL_STAFF = Stream.concat(
                    Arrays.stream(RoleGroup.values()).map(RoleGroup::id), Stream.of(ADMIN))
            .collect(Collectors.toSet());
    private static final Set<String> MANAGERS = Set.of("dc-head", "service-manager", "delivery-manager");
    private static final Set<String> CLIENT_WRITERS = Set.of("csm", "service-manager", "account-manager", ADMIN);
    private static final Set<String> SLA_EDITORS = Set.of("service-manager", ADMIN);

    private static final Set<String> CASE_RAISERS = Set.of("csm", "cse", "service-manager", ADMIN);
    /** Security data (issue 19): ISEC, IT, the service's SM and DM (row check in the access capability). */
    private static final Set<String> SECURITY_DATA_READERS =
            Set.of("isec", "it", "service-manager", "delivery-manager", ADMIN);

    private static final Set<String> ACCESS_REVIEW_READERS = Set.of("isec", "it", ADMIN);
    private static final Set<String> ESCALATION_HANDLERS = union(MANAGERS, Set.of("csm", ADMIN));
    private static final Set<String> SECURITY_READERS =
            Set.of("isec", "it", "service-manager", "delivery-manager", ADMIN);
    private static final Set<String> COMPLAINT_TAKERS = Set.of("csm", "service-manager", "account-manager", ADMIN);
    /**
     * Open without login (ApiAccessRules.PUBLIC_PATTERNS): anonymous callers and users in no group get past the
     * role check as well; a wrong password is still refused by the Basic login.
     */
    private static final Set<String> PUBLIC = union(ALL_STAFF, Set.of("anonymous"));

    /**
     * Domain API: operation → groups that get past the role check. Every operation must be listed: a new
     * endpoint fails this test until its row says who may call it (the product's one table is
     * {@code ApiAccessRules}; this is the independent copy it is checked against).
     */
    static final Map<String, Set<String>> API_MATRIX = Map.ofEntries(
            entry("GET /api/clients", ALL_STAFF),
            entry("GET /api/clients/{reference}", ALL_STAFF),
            entry("POST /api/clients", CLIENT_WRITERS),
            entry("PUT /api/clients/{reference}", CLIENT_WRITERS),
            entry("POST /api/clients/{reference}/retire", CLIENT_WRITERS),
            entry("DELETE /api/clients/{reference}", CLIENT_WRITERS),
            entry("POST /api/clients/{reference}/onboarding", CLIENT_WRITERS),
            entry("GET /api/clients/{reference}/cadence", ALL_STAFF),
            entry("POST /api/clients/{reference}/cadence/end", CLIENT_WRITERS),
            entry("POST /api/clients/{reference}/documents", CASE_RAISERS),
            entry("GET /api/clients/{reference}/documents", ALL_STAFF),
            entry("POST /api/clients/{reference}/contracts/{contractReference}/supplements", CLIENT_WRITERS),
            entry("GET /api/clients/{reference}/hours-ledger", ALL_STAFF),
            entry("POST /api/time-entries", Set.of("csm", "cse", "service-manager", "delivery-manager", ADMIN)),
            entry("GET /api/time-entries", ALL_STAFF),
            entry("POST /api/cis", CASE_RAISERS),
            entry("GET /api/cis", ALL_STAFF),
            entry("GET /api/cis/{reference}", ALL_STAFF),
            entry("PUT /api/cis/{reference}", CASE_RAISERS),
            entry("PATCH /api/cis/{reference}", CASE_RAISERS),
            entry("GET /api/staff/{userId}/absence", ALL_STAFF),
            entry("PUT /api/staff/{userId}/absence", Set.of("csm", "service-manager", ADMIN)),
            entry("DELETE /api/staff/{userId}/absence", Set.of("csm", "service-manager", ADMIN)),
            entry("GET /api/sla-targets", ALL_STAFF),
            entry("GET /api/sla-targets/{id}", ALL_STAFF),
            entry("POST /api/sla-targets", SLA_EDITORS),
            entry("PUT /api/sla-targets/{id}", SLA_EDITORS),
            entry("DELETE /api/sla-targets/{id}", SLA_EDITORS),
            entry("GET /api/sla-clocks", ALL_STAFF),
            entry("GET /api/sla/board", union(MANAGERS, Set.of(ADMIN))),
            entry("GET /api/sla/compliance", union(MANAGERS, Set.of(ADMIN))),
            entry("GET /api/cases/{reference}", ALL_STAFF),
            entry("GET /api/cases/of-instance/{processInstanceId}", ALL_STAFF),
            entry("GET /api/registers/{register}", ALL_STAFF),
            // issue 19: isec and it read only the security registers' entries, managers all others
            entry("GET /api/audit", union(MANAGERS, Set.of("isec", "it", ADMIN))),
            entry("GET /api/notifications", union(MANAGERS, Set.of("csm", ADMIN))),
            entry("POST /api/changes", CASE_RAISERS),
            entry("POST /api/changes/{reference}/client-approval", CASE_RAISERS),
            entry("GET /api/changes", ALL_STAFF),
            entry("GET /api/changes/{reference}", ALL_STAFF),
            entry("POST /api/escalations", ESCALATION_HANDLERS),
            entry("POST /api/escalations/{reference}/client-response", ESCALATION_HANDLERS),
            entry("POST /api/escalations/{reference}/client-confirmation", ESCALATION_HANDLERS),
            entry("GET /api/escalations", ALL_STAFF),
            entry("GET /api/escalations/{reference}", ALL_STAFF),
            entry("POST /api/incidents", CASE_RAISERS),
            entry("GET /api/incidents", ALL_STAFF),
            entry("POST /api/problems", CASE_RAISERS),
            entry("GET /api/problems", ALL_STAFF),
            entry("GET /api/problems/{reference}", ALL_STAFF),
            entry("POST /api/problems/{reference}/actions", Set.of("csm", ADMIN)),
            entry("POST /api/sip-actions", Set.of("csm", "service-manager", ADMIN)),
            entry("GET /api/sip-actions", ALL_STAFF),
            entry("GET /api/sip-actions/{reference}", ALL_STAFF),
            entry("GET /api/risks", ALL_STAFF),
            entry("GET /api/risks/{reference}", ALL_STAFF),
            entry("POST /api/risks", Set.of("csm", "service-manager", ADMIN)),
            entry("POST /api/reviews", Set.of("csm", "service-manager", ADMIN)),
            entry("GET /api/reviews", ALL_STAFF),
            entry("GET /api/reviews/{reference}", ALL_STAFF),
            entry("GET /api/reports", ALL_STAFF),
            entry("GET /api/reports/{id}", ALL_STAFF),
            entry("GET /api/reports/{id}.pdf", ALL_STAFF),
            entry("GET /api/kpis", union(MANAGERS, Set.of("csm", ADMIN))),
            entry("POST /api/service-desk-requests", CASE_RAISERS),
            entry("POST /api/complaints", COMPLAINT_TAKERS),
            entry("POST /api/complaints/{reference}/client-agreement", COMPLAINT_TAKERS),
            entry("GET /api/complaints", ALL_STAFF),
            entry("GET /api/complaints/{reference}", ALL_STAFF),
            entry("GET /api/surveys", ALL_STAFF),
            // the client's survey link: no login, the signed token is the key (a made-up token gets 404)
            entry("GET /api/surveys/{token}", PUBLIC),
            entry("POST /api/surveys/{token}", PUBLIC),
            entry("GET /api/service-desk-requests", ALL_STAFF),
            entry("GET /api/service-desk-requests/{reference}", ALL_STAFF),
            entry("POST /api/service-requests", Set.of("dc-head", "account-manager", ADMIN)),
            entry("GET /api/service-requests", ALL_STAFF),
            entry("GET /api/service-requests/{reference}", ALL_STAFF),
            entry("GET /api/services", ALL_STAFF),
            entry("GET /api/services/{reference}", ALL_STAFF),
            entry("POST /api/services/{reference}/end", union(MANAGERS, Set.of(ADMIN))),
            entry("POST /api/services/{reference}/resource-requests", ALL_STAFF),
            entry(
                    "POST /api/services/{reference}/resource-additions",
                    Set.of("service-manager", "delivery-manager", "csm", ADMIN)),
            entry(
                    "POST /api/services/{reference}/resource-retirements",
                    Set.of("service-manager", "delivery-manager", "csm", "it", ADMIN)),
            // security data: a csm or cse reports an event but reads none (per row: the service's SM and DM)
            entry(
                    "POST /api/security-events",
                    Set.of("isec", "it", "csm", "cse", "service-manager", "delivery-manager", ADMIN)),
            entry("GET /api/security-events", SECURITY_READERS),
            entry("GET /api/security-events/{reference}", SECURITY_READERS),
            entry("GET /api/infosec-plans", SECURITY_READERS),
            entry("GET /api/infosec-plans/{reference}", SECURITY_READERS),
            // issue 19, F11 and F15: per row the service's SM and DM (SecurityRegistersApiTest)
            entry("POST /api/security-controls", Set.of("isec", ADMIN)),
            entry("GET /api/security-controls", SECURITY_READERS),
            entry("GET /api/security-controls/{reference}", SECURITY_READERS),
            entry("POST /api/security-assets", Set.of("isec", "it", ADMIN)),
            entry("GET /api/security-assets", SECURITY_READERS),
            entry("GET /api/security-assets/{reference}", SECURITY_READERS),
            // per row the service's SM and DM only: personal kinds are filtered (ServiceRequestApiTest)
            entry("GET /api/services/{reference}/records", ALL_STAFF),
            entry("GET /api/resources", ALL_STAFF),
            entry("POST /api/access-requests", ALL_STAFF),
            // a csm or cse reads no access right of a client (AccessControlIntegrationTest: rows per service)
            entry("GET /api/access-rights", SECURITY_DATA_READERS),
            entry("GET /api/access-rights/{reference}", SECURITY_DATA_READERS),
            entry("POST /api/access-rights/{reference}/revocation", SECURITY_DATA_READERS),
            entry("POST /api/access-reviews", Set.of("isec", ADMIN)),
            entry("GET /api/access-reviews", ACCESS_REVIEW_READERS),
            entry("GET /api/access-reviews/{reference}", ACCESS_REVIEW_READERS),
            entry("GET /api/access-reviews/{reference}/evidence", ACCESS_REVIEW_READERS),
            entry("GET /api/access-reviews/{reference}/evidence.csv", ACCESS_REVIEW_READERS),
            // personal data filtered per row: own records, the teams of one's services, all for CM/HR/HRDC
            entry("GET /api/training-records", ALL_STAFF),
            entry("GET /api/training-records/{reference}", ALL_STAFF),
            entry(
                    "POST /api/training-records",
                    Set.of("competence-manager", "hr", "hrdc", "isec", "service-manager", "delivery-manager", ADMIN)),
            // individual actions filtered per row (CM, HR, the service's SM and DM: ServiceRegistersApiTest)
            entry("GET /api/service-actions", ALL_STAFF),
            entry("GET /api/service-actions/{reference}", ALL_STAFF),
            // per row the owner, the service's SM and DM, CM and HR
            entry("POST /api/service-actions/{reference}/follow-ups", ALL_STAFF),
            entry("GET /api/staff-profiles", Set.of("competence-manager", "hr", ADMIN)),
            entry("PUT /api/staff-profiles/{userId}", Set.of("competence-manager", "hr", ADMIN)),
            entry(
                    "GET /api/staff-profiles/{userId}",
                    Set.of("competence-manager", "hr", "service-manager", "delivery-manager", ADMIN)));

    /** What a caller may get from an engine REST resource. */
    enum Expect {
        OK,
        FORBIDDEN,
        EMPTY_LIST,
        NON_EMPTY_LIST,
        ONLY_SELF,
        BAD_REQUEST
    }

    /** One engine REST call and its expectation per group (default for groups not named). */
    record EngineCase(String method, String path, String body, Expect others, Map<String, Expect> byGroup) {
        Expect expected(String group) {
            return byGroup.getOrDefault(group, others);
        }

        String label() {
            return method + " " + path;
        }
    }

    static Map<String, Expect> groups(Set<String> groups, Expect expect) {
        return groups.stream().collect(Collectors.toMap(group -> group, group -> expect));
    }

    static Map<String, Expect> merged(List<Map<String, Expect>> parts) {
        Map<String, Expect> all = new java.util.HashMap<>();
        parts.forEach(all::putAll);
        return all;
    }

    private static final String BROKEN_DEPLOYMENT =
            "--x\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
                    + "access-probe\r\n--x\r\nContent-Disposition: form-data; name=\"data\"; filename=\"broken.bpmn\"\r\n"
                    + "Content-Type: application/xml\r\n\r\n<definitions/>\r\n--x--\r\n";
    private static final String STARTERS_KEY = "service-desk-request";
    private static final Set<String> SDR_STARTERS = Set.of("csm", "cse", "service-manager", ADMIN);
    private static final Set<String> WATCHERS = union(MANAGERS, Set.of(ADMIN));
    /** A variable of the seeded security event (issue 19): only these read it through the engine. */
    private static final String SECURITY_PROBE = "accessProbeSecurityDetail";

    private static final Set<String> SECURITY_VARIABLE_READERS = Set.of("isec", "it", ADMIN);

    static final List<EngineCase> ENGINE_MATRIX = List.of(
            new EngineCase(
                    "GET",
                    "/engine-rest/process-definition?key=" + STARTERS_KEY,
                    null,
                    Expect.NON_EMPTY_LIST,
                    Map.of()),
            new EngineCase(
                    "GET", "/engine-rest/process-definition/key/" + STARTERS_KEY + "/xml", null, Expect.OK, Map.of()),
            new EngineCase(
                    "POST",
                    "/engine-rest/process-definition/key/" + STARTERS_KEY + "/start",
                    "{\"variables\":{\"accessProbe\":{\"value\":true},"
                            + "\"clientReference\":{\"value\":\"ALPENWERK\"},\"category\":{\"value\":\"OTHER\"},"
                            + "\"priority\":{\"value\":\"P4\"},\"subject\":{\"value\":\"access probe\"},"
                            + "\"requesterEmail\":{\"value\":\"probe@client.example\"}}}",
                    Expect.FORBIDDEN,
                    groups(SDR_STARTERS, Expect.OK)),
            // business keys are issued by the platform: nobody may choose one, not even a starter (issue 14, hole 3)
            new EngineCase(
                    "POST",
                    "/engine-rest/process-definition/key/" + STARTERS_KEY + "/start",
                    "{\"businessKey\":\"ACCESS-PROBE\"}",
                    Expect.FORBIDDEN,
                    Map.of()),
            new EngineCase(
                    "GET",
                    "/engine-rest/process-instance?businessKey=ACCESS-PROBE-SEED",
                    null,
                    Expect.EMPTY_LIST,
                    groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "GET",
                    "/engine-rest/history/process-instance?processInstanceBusinessKey=ACCESS-PROBE-SEED",
                    null,
                    Expect.EMPTY_LIST,
                    groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            // the seed instance's task is for csm: its candidates and the watchers see it
            new EngineCase(
                    "GET",
                    "/engine-rest/task?processInstanceBusinessKey=ACCESS-PROBE-SEED",
                    null,
                    Expect.EMPTY_LIST,
                    merged(List.of(groups(WATCHERS, Expect.NON_EMPTY_LIST), Map.of("csm", Expect.NON_EMPTY_LIST)))),
            // its history too (Tasklist's comments and History tab), per task: not the instance's history above
            new EngineCase(
                    "GET",
                    "/engine-rest/history/task?processInstanceBusinessKey=ACCESS-PROBE-SEED",
                    null,
                    Expect.EMPTY_LIST,
                    merged(List.of(groups(WATCHERS, Expect.NON_EMPTY_LIST), Map.of("csm", Expect.NON_EMPTY_LIST)))),
            new EngineCase(
                    "GET", "/engine-rest/deployment", null, Expect.EMPTY_LIST, groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            // a broken model: the admin gets the parse error, everybody else is refused before parsing
            new EngineCase(
                    "POST",
                    "/engine-rest/deployment/create",
                    BROKEN_DEPLOYMENT,
                    Expect.FORBIDDEN,
                    Map.of(ADMIN, Expect.BAD_REQUEST)),
            // the watchers read every decision table; ISEC and IT the security ones, whose history is theirs
            new EngineCase(
                    "GET",
                    "/engine-rest/decision-definition",
                    null,
                    Expect.EMPTY_LIST,
                    merged(List.of(
                            groups(WATCHERS, Expect.OK),
                            Map.of("isec", Expect.NON_EMPTY_LIST, "it", Expect.NON_EMPTY_LIST)))),
            // users see their own profile only; the admin sees everyone
            new EngineCase("GET", "/engine-rest/user", null, Expect.ONLY_SELF, Map.of(ADMIN, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "POST",
                    "/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"access-intruder\",\"firstName\":\"I\",\"lastName\":\"X\"},"
                            + "\"credentials\":{\"password\":\"intruder-pass-1\"}}",
                    Expect.FORBIDDEN,
                    Map.of(ADMIN, Expect.OK)),
            // issue 14: nobody, the admin included, gives a user a password the policy refuses
            // (the engine checks the policy before the permission, so others get the 400 as well)
            new EngineCase(
                    "POST",
                    "/engine-rest/user/create",
                    "{\"profile\":{\"id\":\"access-weak\",\"firstName\":\"W\",\"lastName\":\"X\"},"
                            + "\"credentials\":{\"password\":\"a\"}}",
                    Expect.BAD_REQUEST,
                    Map.of()),
            new EngineCase(
                    "POST",
                    "/engine-rest/group/create",
                    "{\"id\":\"access-intruders\",\"name\":\"X\"}",
                    Expect.FORBIDDEN,
                    Map.of(ADMIN, Expect.OK)),
            new EngineCase(
                    "GET",
                    "/engine-rest/group?id=camunda-admin",
                    null,
                    Expect.EMPTY_LIST,
                    Map.of(ADMIN, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "GET", "/engine-rest/authorization", null, Expect.EMPTY_LIST, Map.of(ADMIN, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "POST",
                    "/engine-rest/authorization/create",
                    "{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"access-intruder\",\"resourceType\":0,\"resourceId\":\"*\"}",
                    Expect.FORBIDDEN,
                    Map.of(ADMIN, Expect.OK)),
            // each role group reads its own filter and "My tasks"; none may create one
            new EngineCase("GET", "/engine-rest/filter", null, Expect.NON_EMPTY_LIST, Map.of()),
            new EngineCase(
                    "POST",
                    "/engine-rest/filter/create",
                    "{\"resourceType\":\"Task\",\"name\":\"access-intruder\",\"query\":{}}",
                    Expect.FORBIDDEN,
                    Map.of(ADMIN, Expect.OK)),
            // issue 14: instance counts are Cockpit's, for the groups with Cockpit access
            new EngineCase(
                    "GET",
                    "/engine-rest/process-definition/statistics",
                    null,
                    Expect.FORBIDDEN,
                    groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "GET",
                    "/engine-rest/process-definition/key/" + STARTERS_KEY + "/statistics",
                    null,
                    Expect.FORBIDDEN,
                    groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            new EngineCase("GET", "/engine-rest/job", null, Expect.OK, Map.of()),
            new EngineCase("GET", "/engine-rest/incident", null, Expect.OK, Map.of()),
            new EngineCase(
                    "POST",
                    "/engine-rest/message",
                    "{\"messageName\":\"access-probe-no-such-message\"}",
                    Expect.BAD_REQUEST,
                    Map.of()),
            // workflow messages come from the platform only, whoever asks (PlatformInputsPlugin.MESSAGE_SENDERS)
            new EngineCase(
                    "POST", "/engine-rest/message", "{\"messageName\":\"sla-breached\"}", Expect.FORBIDDEN, Map.of()),
            // issue 19: the managers read the variables of the instances they watch (the seed's subject) ...
            new EngineCase(
                    "GET",
                    "/engine-rest/variable-instance?variableName=subject&variableValues=subject_eq_access%20probe",
                    null,
                    Expect.EMPTY_LIST,
                    groups(WATCHERS, Expect.NON_EMPTY_LIST)),
            // ... but a security event's only ISEC, IT and the admin, at run time and in the history
            new EngineCase(
                    "GET",
                    "/engine-rest/variable-instance?variableName=" + SECURITY_PROBE,
                    null,
                    Expect.EMPTY_LIST,
                    groups(SECURITY_VARIABLE_READERS, Expect.NON_EMPTY_LIST)),
            new EngineCase(
                    "GET",
                    "/engine-rest/history/variable-instance?variableName=" + SECURITY_PROBE,
                    null,
                    Expect.EMPTY_LIST,
                    groups(SECURITY_VARIABLE_READERS, Expect.NON_EMPTY_LIST)));

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    IdentityService identityService;

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    org.camunda.bpm.engine.AuthorizationService authorizationService;

    @Autowired
    org.camunda.bpm.engine.FilterService filterService;

    @Autowired
    ObjectMapper objectMapper;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> wrong = new ArrayList<>();

    @BeforeEach
    void usersAndSeed() {
        user(NO_GROUP_USER, NO_GROUP_PASSWORD);
        user(LOCKED_USER, "the-right-password-1");
        // a service desk request belongs to a client, with a category and a priority
        runtimeService.startProcessInstanceByKey(
                STARTERS_KEY,
                "ACCESS-PROBE-SEED",
                Map.of(
                        "clientReference", "ALPENWERK",
                        "category", "OTHER",
                        "priority", "P4",
                        "subject", "access probe",
                        "requesterEmail", "probe@client.example"));
        // a security event waiting in its handling task (started there: no mails, no register row)
        runtimeService
                .createProcessInstanceByKey("security-event")
                .businessKey("ACCESS-PROBE-SEC")
                .setVariable("accessProbe", true)
                .setVariable(SECURITY_PROBE, "salary list copied to a USB stick")
                .setVariable(
                        "securityEventResolutionWarning",
                        java.util.Date.from(java.time.Instant.parse("2099-01-01T00:00:00Z")))
                .setVariable(
                        "securityEventResolutionDue",
                        java.util.Date.from(java.time.Instant.parse("2099-01-02T00:00:00Z")))
                .startBeforeActivity("Task_HandleEvent")
                .execute();
    }

    @AfterEach
    void removeStartedInstances() {
        for (String businessKey : List.of("ACCESS-PROBE", "ACCESS-PROBE-SEED", "ACCESS-PROBE-SEC")) {
            runtimeService
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .list()
                    .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "access test"));
        }
        runtimeService
                .createProcessInstanceQuery()
                .variableValueEquals("accessProbe", true)
                .list()
                .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "access test"));
        // only the admin may create these (and did): remove them again
        identityService.deleteUser("access-intruder");
        identityService.deleteUser("access-weak");
        identityService.deleteGroup("access-intruders");
        authorizationService
                .createAuthorizationQuery()
                .userIdIn("access-intruder")
                .list()
                .forEach(authorization -> authorizationService.deleteAuthorization(authorization.getId()));
        filterService
                .createFilterQuery()
                .filterName("access-intruder")
                .list()
                .forEach(filter -> filterService.deleteFilter(filter.getId()));
    }

    @Test
    void domainApiFollowsTheMatrix() throws Exception {
        List<Endpoint> endpoints = ApiEndpoints.discover(mapping);
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(API_MATRIX.size());
        for (Endpoint endpoint : endpoints) {
            Set<String> allowed = allowedGroups(endpoint);
            String uri = endpoint.path(pathValue(endpoint));
            String body = endpoint.hasBody() ? "{}" : null;

            if (allowed.contains("anonymous")) {
                expectPassed(
                        endpoint.label() + " anonymous",
                        request(endpoint.method().name(), uri, body, null, null));
                expectPassed(
                        endpoint.label() + " user in no group",
                        request(endpoint.method().name(), uri, body, NO_GROUP_USER, NO_GROUP_PASSWORD));
            } else {
                expectStatus(
                        endpoint.label() + " anonymous",
                        request(endpoint.method().name(), uri, body, null, null),
                        401);
                expectStatus(
                        endpoint.label() + " user in no group",
                        request(endpoint.method().name(), uri, body, NO_GROUP_USER, NO_GROUP_PASSWORD),
                        403);
            }
            expectStatus(
                    endpoint.label() + " wrong password",
                    request(endpoint.method().name(), uri, body, LOCKED_USER, "wrong-password"),
                    401);
            for (String group : ALL_STAFF) {
                HttpResponse<String> response = asGroup(group, endpoint.method().name(), uri, body);
                int status = response.statusCode();
                boolean passed = status != 401 && status != 403 && status < 500;
                if (allowed.contains(group) != passed || status >= 500) {
                    wrong.add(endpoint.label() + " as " + group + ": expected "
                            + (allowed.contains(group) ? "allowed" : "403") + " but " + status);
                } else if (!passed && !isProblem(response)) {
                    wrong.add(endpoint.label() + " as " + group + ": 403 without a problem body");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void engineRestFollowsTheMatrix() throws Exception {
        for (EngineCase call : ENGINE_MATRIX) {
            String contentType = call.path().endsWith("/deployment/create") ? "multipart/form-data; boundary=x" : null;
            expectStatus(
                    call.label() + " anonymous",
                    request(call.method(), call.path(), call.body(), null, null, contentType),
                    401);
            expectStatus(
                    call.label() + " wrong password",
                    request(call.method(), call.path(), call.body(), LOCKED_USER, "wrong-password", contentType),
                    401);
            for (String group : ALL_STAFF) {
                HttpResponse<String> response =
                        request(call.method(), call.path(), call.body(), user(group), password(group), contentType);
                Expect expected = call.expected(group);
                if (!meets(expected, response, user(group))) {
                    wrong.add(call.label() + " as " + group + ": expected " + expected + " but " + response.statusCode()
                            + " " + abbreviate(response.body()));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** Engine REST holds the engine's own users: a user in no group sees no instance, task or user but itself. */
    @Test
    void aUserInNoGroupSeesNothingOfTheEngine() throws Exception {
        for (String path : List.of(
                "/engine-rest/process-instance",
                "/engine-rest/task",
                "/engine-rest/deployment",
                "/engine-rest/history/process-instance",
                "/engine-rest/authorization",
                "/engine-rest/filter")) {
            HttpResponse<String> response = request("GET", path, null, NO_GROUP_USER, NO_GROUP_PASSWORD);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(objectMapper.readTree(response.body())).as(path).isEmpty();
        }
        assertThat(request("GET", "/engine-rest/process-definition", null, NO_GROUP_USER, NO_GROUP_PASSWORD)
                        .body())
                .isEqualTo("[]");
    }

    // ---------------------------------------------------------------- expectations

    private Set<String> allowedGroups(Endpoint endpoint) {
        Set<String> listed = API_MATRIX.get(endpoint.label());
        if (listed == null) {
            wrong.add(endpoint.label() + ": not in API_MATRIX; add the row that says who may call it");
            return ALL_STAFF;
        }
        return listed;
    }

    private boolean meets(Expect expected, HttpResponse<String> response, String userId) throws Exception {
        int status = response.statusCode();
        return switch (expected) {
            case OK -> status >= 200 && status < 300;
            case FORBIDDEN -> status == 403;
            case BAD_REQUEST -> status == 400;
            case EMPTY_LIST ->
                status == 200 && objectMapper.readTree(response.body()).isEmpty();
            case NON_EMPTY_LIST ->
                status == 200 && !objectMapper.readTree(response.body()).isEmpty();
            case ONLY_SELF -> {
                if (status != 200) {
                    yield false;
                }
                JsonNode users = objectMapper.readTree(response.body());
                boolean onlySelf = users.size() == 1;
                for (JsonNode user : users) {
                    onlySelf &= userId.equals(user.path("id").asText());
                }
                yield onlySelf;
            }
        };
    }

    /** Past the role check: a 4xx of the operation itself (a problem body), not 401/403 and no 5xx. */
    private void expectPassed(String label, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403 || status >= 500) {
            wrong.add(label + ": expected allowed but " + status);
        }
    }

    private void expectStatus(String label, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            wrong.add(label + ": expected " + status + " but " + response.statusCode());
        }
    }

    private boolean isProblem(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    // ---------------------------------------------------------------- users and HTTP

    private static String user(String group) {
        return ADMIN.equals(group) ? "admin" : group;
    }

    private static String password(String group) {
        return user(group);
    }

    private HttpResponse<String> asGroup(String group, String method, String uri, String body) throws Exception {
        return request(method, uri, body, user(group), password(group));
    }

    /** Numbers for numeric ids, an unknown reference otherwise: nothing existing is touched. */
    private static String pathValue(Endpoint endpoint) {
        for (var parameter : endpoint.handler().getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)
                    && (type == long.class || type == Long.class || type == int.class || type == Integer.class)) {
                return "987654321";
            }
        }
        return "NO-SUCH-REFERENCE";
    }

    private void user(String id, String password) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            User user = identityService.newUser(id);
            user.setFirstName("Access");
            user.setLastName("Probe");
            user.setPassword(password);
            identityService.saveUser(user);
        }
    }

    private HttpResponse<String> request(String method, String uri, String body, String user, String password)
            throws Exception {
        return request(method, uri, body, user, password, null);
    }

    private HttpResponse<String> request(
            String method, String uri, String body, String user, String password, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (body != null) {
            request.header("Content-Type", contentType != null ? contentType : "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }
}
