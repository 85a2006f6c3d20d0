package com.csmflow.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.harness.CsmFlowTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

@CsmFlowTest
class ClientApiTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ClientDemoData demoData;

    @Test
    void createReadListUpdateAndRetireAClient() {
        String reference = uniqueReference();
        Map<String, Object> body = validClient(reference);

        ResponseEntity<Map> created = send("csm", HttpMethod.POST, "/api/clients", body);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getHeaders().getLocation()).hasToString("/api/clients/" + reference);
        assertThat(created.getBody())
                .containsEntry("reference", reference)
                .containsEntry("tier", "ENHANCED")
                .containsEntry("timeZone", "Asia/Tokyo")
                .containsEntry("retired", false);

        // any authenticated user reads, e.g. an engineer
        Map<String, Object> read =
                send("cse", HttpMethod.GET, "/api/clients/" + reference, null).getBody();
        assertThat(read)
                .containsEntry("name", "Kaiyo Logistics K.K.")
                .containsEntry("language", "ja")
                .containsEntry("businessDayStart", "09:00:00")
                .containsEntry("holidayRegion", "JP")
                .containsEntry("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"))
                .containsEntry("closingDays", List.of("2026-12-29", "2026-12-30"))
                .doesNotContainKey("processInstanceId");
        assertThat((List<Map<String, Object>>) read.get("contacts"))
                .extracting(c -> c.get("receivesServiceNotices"))
                .containsExactly(true, false);
        assertThat((List<Map<String, Object>>) read.get("contracts"))
                .singleElement()
                .satisfies(contract -> assertThat(contract)
                        .containsEntry("contractedHoursPerMonth", 50)
                        .containsEntry("services", List.of("Cloud Computing", "Networking")));

        assertThat(references(send("csm", HttpMethod.GET, "/api/clients?tier=ENHANCED&size=200", null)))
                .contains(reference);
        assertThat(references(send("csm", HttpMethod.GET, "/api/clients?tier=STANDARD&size=200", null)))
                .doesNotContain(reference);

        // update with the version just read
        Map<String, Object> change = new LinkedHashMap<>(body);
        change.remove("reference");
        change.put("name", "Kaiyo Logistics Holdings K.K.");
        change.put("version", read.get("version"));
        ResponseEntity<Map> updated = send("service-manager", HttpMethod.PUT, "/api/clients/" + reference, change);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody()).containsEntry("name", "Kaiyo Logistics Holdings K.K.");
        assertThat(((Number) updated.getBody().get("version")).longValue())
                .isGreaterThan(((Number) read.get("version")).longValue());

        // the same stale version again: someone else's change must not be overwritten
        change.put("name", "Overwritten");
        assertThat(send("account-manager", HttpMethod.PUT, "/api/clients/" + reference, change)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(send("csm", HttpMethod.GET, "/api/clients/" + reference, null)
                        .getBody())
                .containsEntry("name", "Kaiyo Logistics Holdings K.K.");

        ResponseEntity<Map> retired = send("csm", HttpMethod.POST, "/api/clients/" + reference + "/retire", null);
        assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retired.getBody()).containsEntry("retired", true);
        assertThat(send("csm", HttpMethod.DELETE, "/api/clients/" + reference, null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(references(send("csm", HttpMethod.GET, "/api/clients?size=200", null)))
                .doesNotContain(reference);
        assertThat(references(send("csm", HttpMethod.GET, "/api/clients?size=200&includeRetired=true", null)))
                .contains(reference);

        // the audit log has who, what and when; it is for managers only
        ResponseEntity<List> audit = rest.withBasicAuth("service-manager", "service-manager")
                .getForEntity("/api/audit?register=client&reference=" + reference, List.class);
        List<Map<String, Object>> entries = audit.getBody();
        assertThat(entries).extracting(e -> e.get("action")).containsExactly("CREATE", "UPDATE", "RETIRE");
        assertThat(entries).extracting(e -> e.get("userId")).containsExactly("csm", "service-manager", "csm");
        assertThat(entries)
                .allSatisfy(e -> assertThat(e).doesNotContainKey("activityId").containsKey("changedAt"));
        assertThat((Map<String, Object>) entries.get(1).get("changes"))
                .containsOnlyKeys("name")
                .containsEntry("name", Map.of("old", "Kaiyo Logistics K.K.", "new", "Kaiyo Logistics Holdings K.K."));
        assertThat((Map<String, Object>) entries.get(2).get("changes"))
                .containsEntry("retired", Map.of("old", false, "new", true));
        assertThat(rest.withBasicAuth("csm", "csm")
                        .getForEntity("/api/audit?register=client&reference=" + reference, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void twoConcurrentUpdatesOfTheSameVersionLeaveOneWinnerAndOneConflict() throws Exception {
        String reference = uniqueReference();
        Map<String, Object> body = validClient(reference);
        Map<String, Object> created =
                send("csm", HttpMethod.POST, "/api/clients", body).getBody();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpStatus>> results = new ArrayList<>();
        try {
            for (String name : List.of("First Name K.K.", "Second Name K.K.")) {
                Map<String, Object> change = new LinkedHashMap<>(body);
                change.put("name", name);
                change.put("version", created.get("version"));
                results.add(pool.submit(() -> {
                    start.await();
                    return (HttpStatus) send("csm", HttpMethod.PUT, "/api/clients/" + reference, change)
                            .getStatusCode();
                }));
            }
            start.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (java.util.concurrent.Future<HttpStatus> result : results) {
                statuses.add(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM register_audit WHERE register = 'client' AND reference = ?"
                                + " AND action = 'UPDATE'",
                        Long.class,
                        reference))
                .isEqualTo(1);
    }

    @Test
    void listIsPagedAndValidatesItsParameters() {
        Map<String, Object> page =
                send("csm", HttpMethod.GET, "/api/clients?size=1&page=0", null).getBody();
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(((Number) page.get("totalItems")).longValue()).isGreaterThanOrEqualTo(2);
        assertThat(fields(send("csm", HttpMethod.GET, "/api/clients?size=0", null)))
                .containsExactly("size");
        assertThat(fields(send("csm", HttpMethod.GET, "/api/clients?tier=GOLD", null)))
                .containsExactly("tier");
    }

    @Test
    void updateKeepsContractRowsMatchedByReferenceAndReplacesContacts() {
        String reference = uniqueReference();
        Map<String, Object> body = validClient(reference);
        Map<String, Object> created =
                send("csm", HttpMethod.POST, "/api/clients", body).getBody();
        Long contractId =
                jdbc.queryForObject("SELECT id FROM contract WHERE reference = ?", Long.class, reference + "-C1");

        Map<String, Object> change = new LinkedHashMap<>(body);
        change.put("version", created.get("version"));
        List<Map<String, Object>> contracts = new ArrayList<>((List<Map<String, Object>>) change.get("contracts"));
        Map<String, Object> first = new LinkedHashMap<>(contracts.get(0));
        first.put("contractedHoursPerMonth", 60);
        contracts.set(0, first);
        contracts.add(contract(reference + "-C2", 40));
        change.put("contracts", contracts);
        change.put("contacts", List.of(contact("Aoi Tanaka", "a.tanaka@kaiyo.example", true)));

        ResponseEntity<Map> updated = send("csm", HttpMethod.PUT, "/api/clients/" + reference, change);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((List<Map<String, Object>>) updated.getBody().get("contracts"))
                .extracting(c -> c.get("reference"), c -> c.get("contractedHoursPerMonth"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(reference + "-C1", 60),
                        org.assertj.core.groups.Tuple.tuple(reference + "-C2", 40));
        assertThat(jdbc.queryForObject("SELECT id FROM contract WHERE reference = ?", Long.class, reference + "-C1"))
                .isEqualTo(contractId);
        assertThat((List<?>) updated.getBody().get("contacts")).hasSize(1);
    }

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                invalid("reference", body -> body.put("reference", "acme lower")),
                invalid("reference", body -> body.remove("reference")),
                invalid("name", body -> body.put("name", " ")),
                invalid("name", body -> body.remove("name")),
                invalid("tier", body -> body.put("tier", "GOLD")),
                invalid("language", body -> body.put("language", "klingon")),
                invalid("timeZone", body -> body.put("timeZone", "Mars/Olympus_Mons")),
                invalid("timeZone", body -> body.put("timeZone", "+02:00")),
                invalid("businessDayStart", body -> body.put("businessDayStart", "25:00")),
                invalid("businessDayEnd", body -> body.put("businessDayEnd", "08:00")),
                invalid("businessDays", body -> body.put("businessDays", List.of())),
                invalid("businessDays[0]", body -> body.put("businessDays", List.of("FUNDAY"))),
                invalid("holidayRegion", body -> body.put("holidayRegion", "XX-BY")),
                invalid("holidayRegion", body -> body.put("holidayRegion", "de-by")),
                invalid("closingDays[0]", body -> body.put("closingDays", List.of("2026-02-30"))),
                invalid(
                        "contacts[0].email",
                        body -> body.put("contacts", List.of(contact("Aoi Tanaka", "not-an-address", true)))),
                invalid(
                        "contacts[0].name",
                        body -> body.put("contacts", List.of(contact("", "a@kaiyo.example", true)))),
                invalid(
                        "contracts[0].contractedHoursPerMonth",
                        body -> body.put("contracts", List.of(contract("NEG-HOURS", -5)))),
                invalid("contracts[0].contractedHoursPerMonth", body -> {
                    Map<String, Object> contract = contract("WRONG-TYPE", 10);
                    contract.put("contractedHoursPerMonth", "lots");
                    body.put("contracts", List.of(contract));
                }),
                invalid("contracts[0].termEnd", body -> {
                    Map<String, Object> contract = contract("BACKWARDS", 10);
                    contract.put("termEnd", "2025-12-31");
                    body.put("contracts", List.of(contract));
                }),
                invalid("contracts[0].services", body -> {
                    Map<String, Object> contract = contract("NO-SERVICES", 10);
                    contract.put("services", List.of());
                    body.put("contracts", List.of(contract));
                }),
                invalid(
                        "contracts[1].reference",
                        body -> body.put("contracts", List.of(contract("TWICE", 10), contract("TWICE", 20)))),
                invalid("favouriteColour", body -> body.put("favouriteColour", "blue")));
    }

    private static Arguments invalid(String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(field, breakIt);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRejectedNamingTheFieldAndNothingIsWritten(String field, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = validClient(uniqueReference());
        breakIt.accept(body);
        long clients = count("client");
        long contracts = count("contract");
        long audits = count("register_audit");

        ResponseEntity<Map> response = send("csm", HttpMethod.POST, "/api/clients", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(response)).contains(field);
        assertThat(count("client")).isEqualTo(clients);
        assertThat(count("contract")).isEqualTo(contracts);
        assertThat(count("register_audit")).isEqualTo(audits);
    }

    @Test
    void invalidUpdateIsRejectedAndChangesNothing() {
        String reference = uniqueReference();
        Map<String, Object> body = validClient(reference);
        Map<String, Object> created =
                send("csm", HttpMethod.POST, "/api/clients", body).getBody();

        Map<String, Object> noVersion = new LinkedHashMap<>(body);
        assertThat(fields(send("csm", HttpMethod.PUT, "/api/clients/" + reference, noVersion)))
                .contains("version");

        Map<String, Object> renamed = new LinkedHashMap<>(body);
        renamed.put("version", created.get("version"));
        renamed.put("reference", reference + "-X");
        assertThat(fields(send("csm", HttpMethod.PUT, "/api/clients/" + reference, renamed)))
                .contains("reference");

        Map<String, Object> badZone = new LinkedHashMap<>(body);
        badZone.put("version", created.get("version"));
        badZone.put("name", "Changed");
        badZone.put("timeZone", "Europe/Atlantis");
        assertThat(fields(send("csm", HttpMethod.PUT, "/api/clients/" + reference, badZone)))
                .contains("timeZone");

        assertThat(send("csm", HttpMethod.GET, "/api/clients/" + reference, null)
                        .getBody())
                .containsEntry("name", "Kaiyo Logistics K.K.")
                .containsEntry("version", created.get("version"));
    }

    @Test
    void unknownReferenceIsNotFound() {
        assertThat(send("csm", HttpMethod.GET, "/api/clients/NO-SUCH-CLIENT", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        Map<String, Object> change = validClient("NO-SUCH-CLIENT");
        change.put("version", 0);
        assertThat(send("csm", HttpMethod.PUT, "/api/clients/NO-SUCH-CLIENT", change)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(send("csm", HttpMethod.POST, "/api/clients/NO-SUCH-CLIENT/retire", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void duplicateReferenceOrContractIsAConflict() {
        String reference = uniqueReference();
        assertThat(send("csm", HttpMethod.POST, "/api/clients", validClient(reference))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        long clients = count("client");

        assertThat(send("csm", HttpMethod.POST, "/api/clients", validClient(reference))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);

        Map<String, Object> stealsContract = validClient(uniqueReference());
        stealsContract.put("contracts", List.of(contract(reference + "-C1", 10)));
        assertThat(send("csm", HttpMethod.POST, "/api/clients", stealsContract).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(count("client")).isEqualTo(clients);
    }

    @Test
    void onlyClientRolesMayWriteAndTheyAreCheckedBeforeTheBody() {
        String reference = uniqueReference();
        long clients = count("client");
        assertThat(send("cse", HttpMethod.POST, "/api/clients", validClient(reference))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> invalid = validClient(reference);
        invalid.put("timeZone", "nowhere");
        assertThat(send("dc-head", HttpMethod.POST, "/api/clients", invalid).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(count("client")).isEqualTo(clients);

        assertThat(send("admin", HttpMethod.POST, "/api/clients", validClient(reference))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        Map<String, Object> change = validClient(reference);
        change.put("version", 0);
        assertThat(send("delivery-manager", HttpMethod.PUT, "/api/clients/" + reference, change)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("hr", HttpMethod.POST, "/api/clients/" + reference + "/retire", null)
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send("hr", HttpMethod.GET, "/api/clients/" + reference, null).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/api/clients/" + reference, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void demoClientsExistInDifferentZonesAndTiersAndLoadingThemAgainChangesNothing() throws Exception {
        Map<String, Object> alpenwerk =
                send("csm", HttpMethod.GET, "/api/clients/ALPENWERK", null).getBody();
        Map<String, Object> hudson =
                send("csm", HttpMethod.GET, "/api/clients/HUDSON-MUTUAL", null).getBody();
        assertThat(alpenwerk)
                .containsEntry("tier", "STANDARD")
                .containsEntry("timeZone", "Europe/Berlin")
                .containsEntry("holidayRegion", "DE-BY")
                .containsEntry("language", "de");
        assertThat(hudson)
                .containsEntry("tier", "ENHANCED")
                .containsEntry("timeZone", "America/New_York")
                .containsEntry("holidayRegion", "US-NY");
        assertThat((List<Map<String, Object>>) hudson.get("contacts"))
                .anyMatch(contact -> Boolean.FALSE.equals(contact.get("receivesServiceNotices")));

        long clients = count("client");
        demoData.run(null);
        assertThat(count("client")).isEqualTo(clients);
    }

    // ---------------------------------------------------------------------------------------------

    private ResponseEntity<Map> send(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), Map.class);
    }

    private static List<String> fields(ResponseEntity<Map> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<Map<String, String>> errors =
                (List<Map<String, String>>) response.getBody().get("errors");
        assertThat(errors).as("problem body %s", response.getBody()).isNotNull();
        return errors.stream().map(error -> error.get("field")).toList();
    }

    private static List<Object> references(ResponseEntity<Map> page) {
        return ((List<Map<String, Object>>) page.getBody().get("items"))
                .stream().map(c -> c.get("reference")).toList();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static String uniqueReference() {
        return "T" + Long.toString(System.nanoTime(), 36).toUpperCase() + "-" + SEQUENCE.incrementAndGet();
    }

    static Map<String, Object> validClient(String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("name", "Kaiyo Logistics K.K.");
        body.put("tier", "ENHANCED");
        body.put("language", "ja");
        body.put("timeZone", "Asia/Tokyo");
        body.put("businessDayStart", "09:00");
        body.put("businessDayEnd", "18:00");
        body.put("businessDays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"));
        body.put("holidayRegion", "JP");
        body.put("closingDays", List.of("2026-12-29", "2026-12-30"));
        body.put(
                "contacts",
                List.of(
                        contact("Haruto Sato", "h.sato@kaiyo.example", true),
                        contact("Yui Kobayashi", "billing@kaiyo.example", false)));
        Map<String, Object> contract = contract(reference + "-C1", 50);
        contract.put("services", List.of("Cloud Computing", "Networking"));
        body.put("contracts", List.of(contract));
        return body;
    }

    private static Map<String, Object> contact(String name, String email, boolean notices) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", name);
        contact.put("email", email);
        contact.put("role", "IT");
        contact.put("receivesServiceNotices", notices);
        return contact;
    }

    private static Map<String, Object> contract(String reference, int hours) {
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("reference", reference);
        contract.put("services", List.of("Networking"));
        contract.put("contractedHoursPerMonth", hours);
        contract.put("termStart", "2026-01-01");
        contract.put("termEnd", "2026-12-31");
        return contract;
    }
}
