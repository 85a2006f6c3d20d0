package com.csmflow.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call which domain API operation: the one table, applied by Spring Security before a request
 * reaches a controller, so a caller without the role gets 403 before validation (400) could tell it
 * anything. The first matching rule wins; every other {@code /api} call is for staff (a member of a role
 * group or an administrator), so a signed-in user in no group reads nothing. docs/security.md shows the
 * same table and {@code AccessMatrixTest} checks every operation against its own copy.
 */
final class ApiAccessRules {

    /** A rule: an HTTP method and an Ant-style path pattern, and the groups that may call it. */
    record Rule(HttpMethod method, String pattern, List<String> groups) {}

    static final String ADMIN = Groups.CAMUNDA_ADMIN;

    /** Every role group and the administrators. */
    static final List<String> STAFF = Stream.concat(
                    Arrays.stream(RoleGroup.values()).map(RoleGroup::id), Stream.of(ADMIN))
            .toList();

    private static final List<String> CLIENT_KEEPERS =
            groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.ACCOUNT_MANAGER);
    private static final List<String> SLA_EDITORS = groups(RoleGroup.SERVICE_MANAGER);
    private static final List<String> MANAGERS =
            groups(RoleGroup.DC_HEAD, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER);
    private static final List<String> CASE_RAISERS = groups(RoleGroup.CSM, RoleGroup.CSE, RoleGroup.SERVICE_MANAGER);
    private static final List<String> ESCALATION_HANDLERS =
            groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.DC_HEAD);

    /** Take in a client's request for a new service: the DC Head, and sales (account managers). */
    private static final List<String> SERVICE_REQUEST_TAKERS = groups(RoleGroup.DC_HEAD, RoleGroup.ACCOUNT_MANAGER);
    /** A new resource may be asked for by the client (through the CSM), the SM or the DM (003 §2.2.4 step 6). */
    private static final List<String> RESOURCE_ADDERS =
            groups(RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.CSM);

    /** Who spends a client's hours (001 §2: CSDM and CSE) and the managers who book for them. */
    private static final List<String> TIME_RECORDERS =
            groups(RoleGroup.CSM, RoleGroup.CSE, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER);
    /**
     * Security data (issue 19: access rights): ISEC, IT, and the SM and DM of the right's service, checked
     * per row by the access capability; a csm or cse reads none of it.
     */
    private static final List<String> SECURITY_DATA_READERS =
            groups(RoleGroup.ISEC, RoleGroup.IT, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER);
    /** Access reviews span a client's services: ISEC and IT read them, ISEC opens one. */
    private static final List<String> ACCESS_REVIEW_READERS = groups(RoleGroup.ISEC, RoleGroup.IT);

    private static final List<String> COMPLAINT_TAKERS =
            groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER, RoleGroup.ACCOUNT_MANAGER);

    /**
     * The one part of {@code /api} open without login: the client's survey link ({@code GET} and {@code POST
     * /api/surveys/{token}}), whose signed, expiring token is the key (SatisfactionSurveys). The register list
     * {@code /api/surveys} stays staff-only.
     */
    static final List<String> PUBLIC_PATTERNS = List.of("/api/surveys/*");

    private static final List<String> PROFILE_KEEPERS = groups(RoleGroup.COMPETENCE_MANAGER, RoleGroup.HR);
    /**
     * Record a training: CM, HR, HRDC (knowledge plan), ISEC (awareness trainings), and an SM or DM for the
     * people of their services (checked per row). Reading is for all staff, filtered to what each may see.
     */
    private static final List<String> TRAINING_RECORDERS = groups(
            RoleGroup.COMPETENCE_MANAGER,
            RoleGroup.HR,
            RoleGroup.HRDC,
            RoleGroup.ISEC,
            RoleGroup.SERVICE_MANAGER,
            RoleGroup.DELIVERY_MANAGER);

    /** Anyone in the delivery who notices a security event reports it (004 PR6.4); a SIEM's user is in it. */
    private static final List<String> SECURITY_REPORTERS = groups(
            RoleGroup.ISEC,
            RoleGroup.IT,
            RoleGroup.CSM,
            RoleGroup.CSE,
            RoleGroup.SERVICE_MANAGER,
            RoleGroup.DELIVERY_MANAGER);
    /** Security data: isec and IT; SM and DM for their own services only (checked per row). */
    private static final List<String> SECURITY_READERS =
            groups(RoleGroup.ISEC, RoleGroup.IT, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER);

    static final List<Rule> RULES = List.of(
            new Rule(POST, "/api/clients", CLIENT_KEEPERS),
            new Rule(PUT, "/api/clients/*", CLIENT_KEEPERS),
            new Rule(DELETE, "/api/clients/*", CLIENT_KEEPERS),
            new Rule(POST, "/api/clients/*/retire", CLIENT_KEEPERS),
            new Rule(POST, "/api/clients/*/onboarding", CLIENT_KEEPERS),
            new Rule(POST, "/api/clients/*/cadence/end", CLIENT_KEEPERS),
            new Rule(POST, "/api/clients/*/documents", CASE_RAISERS),
            // supplemental hours are ordered by change request (001 §2.1): the client's keepers record them
            new Rule(POST, "/api/clients/*/contracts/*/supplements", CLIENT_KEEPERS),
            new Rule(POST, "/api/time-entries", TIME_RECORDERS),
            // the CMDB: the CSE sets it up during onboarding and keeps it with the change teams (000 §4.1.1)
            new Rule(POST, "/api/cis", CASE_RAISERS),
            new Rule(PUT, "/api/cis/*", CASE_RAISERS),
            new Rule(PATCH, "/api/cis/*", CASE_RAISERS),
            new Rule(PUT, "/api/staff/*/absence", groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            new Rule(DELETE, "/api/staff/*/absence", groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            new Rule(POST, "/api/sla-targets", SLA_EDITORS),
            new Rule(PUT, "/api/sla-targets/*", SLA_EDITORS),
            new Rule(DELETE, "/api/sla-targets/*", SLA_EDITORS),
            // managers read the audit log but the security registers; isec and IT only those (AuditController)
            new Rule(
                    GET,
                    "/api/audit",
                    groups(
                            RoleGroup.DC_HEAD,
                            RoleGroup.SERVICE_MANAGER,
                            RoleGroup.DELIVERY_MANAGER,
                            RoleGroup.ISEC,
                            RoleGroup.IT)),
            new Rule(GET, "/api/sla/**", MANAGERS),
            new Rule(
                    GET,
                    "/api/notifications",
                    groups(RoleGroup.DC_HEAD, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.CSM)),
            new Rule(POST, "/api/changes", CASE_RAISERS),
            // the client's representatives answer the customer advisory board through a client system's user
            new Rule(POST, "/api/changes/*/client-approval", CASE_RAISERS),
            new Rule(POST, "/api/incidents", CASE_RAISERS),
            new Rule(POST, "/api/problems", CASE_RAISERS),
            new Rule(POST, "/api/problems/*/actions", groups(RoleGroup.CSM)),
            new Rule(POST, "/api/sip-actions", groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            new Rule(POST, "/api/risks", groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            new Rule(POST, "/api/reviews", groups(RoleGroup.CSM, RoleGroup.SERVICE_MANAGER)),
            new Rule(
                    GET,
                    "/api/kpis",
                    groups(RoleGroup.DC_HEAD, RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.CSM)),
            new Rule(POST, "/api/service-desk-requests", CASE_RAISERS),
            // complaints are taken by whoever speaks with the client: CSMs, service managers, account managers
            new Rule(POST, "/api/complaints", COMPLAINT_TAKERS),
            new Rule(POST, "/api/complaints/*/client-agreement", COMPLAINT_TAKERS),
            new Rule(POST, "/api/escalations", ESCALATION_HANDLERS),
            new Rule(POST, "/api/escalations/*/client-response", ESCALATION_HANDLERS),
            new Rule(POST, "/api/escalations/*/client-confirmation", ESCALATION_HANDLERS),
            new Rule(POST, "/api/service-requests", SERVICE_REQUEST_TAKERS),
            new Rule(POST, "/api/services/*/end", MANAGERS),
            new Rule(POST, "/api/services/*/resource-additions", RESOURCE_ADDERS),
            new Rule(
                    POST,
                    "/api/services/*/resource-retirements",
                    groups(RoleGroup.SERVICE_MANAGER, RoleGroup.DELIVERY_MANAGER, RoleGroup.CSM, RoleGroup.IT)),
            // anyone on the staff may ask for access (POST /api/access-requests): the default rule below
            new Rule(GET, "/api/access-rights", SECURITY_DATA_READERS),
            new Rule(GET, "/api/access-rights/**", SECURITY_DATA_READERS),
            new Rule(POST, "/api/access-rights/*/revocation", SECURITY_DATA_READERS),
            new Rule(POST, "/api/access-reviews", groups(RoleGroup.ISEC)),
            new Rule(GET, "/api/access-reviews", ACCESS_REVIEW_READERS),
            new Rule(GET, "/api/access-reviews/**", ACCESS_REVIEW_READERS),
            new Rule(POST, "/api/training-records", TRAINING_RECORDERS),
            // security data (issue 19): reported by the delivery, read by isec, it and the service's SM and DM
            new Rule(POST, "/api/security-events", SECURITY_REPORTERS),
            new Rule(GET, "/api/security-events", SECURITY_READERS),
            new Rule(GET, "/api/security-events/**", SECURITY_READERS),
            new Rule(GET, "/api/infosec-plans", SECURITY_READERS),
            new Rule(GET, "/api/infosec-plans/**", SECURITY_READERS),
            // the controls register (F11) and the asset inventory with its risk assessment (F15)
            new Rule(POST, "/api/security-controls", groups(RoleGroup.ISEC)),
            new Rule(GET, "/api/security-controls", SECURITY_READERS),
            new Rule(GET, "/api/security-controls/**", SECURITY_READERS),
            new Rule(POST, "/api/security-assets", groups(RoleGroup.ISEC, RoleGroup.IT)),
            new Rule(GET, "/api/security-assets", SECURITY_READERS),
            new Rule(GET, "/api/security-assets/**", SECURITY_READERS),
            // personal data (003: CM and HR; a service's SM and DM for its team, checked per row)
            new Rule(GET, "/api/staff-profiles", PROFILE_KEEPERS),
            new Rule(PUT, "/api/staff-profiles/*", PROFILE_KEEPERS),
            new Rule(
                    GET,
                    "/api/staff-profiles/*",
                    groups(
                            RoleGroup.COMPETENCE_MANAGER,
                            RoleGroup.HR,
                            RoleGroup.SERVICE_MANAGER,
                            RoleGroup.DELIVERY_MANAGER)));

    private ApiAccessRules() {}

    /** The rules, then staff-only for the rest of {@code /api}. */
    static void apply(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry requests) {
        for (String pattern : PUBLIC_PATTERNS) {
            requests.requestMatchers(antMatcher(GET, pattern), antMatcher(POST, pattern))
                    .permitAll();
        }
        for (Rule rule : RULES) {
            requests.requestMatchers(antMatcher(rule.method(), rule.pattern()))
                    .hasAnyAuthority(rule.groups().toArray(String[]::new));
        }
        requests.requestMatchers(antMatcher("/api/**")).hasAnyAuthority(STAFF.toArray(String[]::new));
    }

    /** The groups, and the administrators, who may do everything. */
    private static List<String> groups(RoleGroup... groups) {
        return Stream.concat(Arrays.stream(groups).map(RoleGroup::id), Stream.of(ADMIN))
                .toList();
    }
}
