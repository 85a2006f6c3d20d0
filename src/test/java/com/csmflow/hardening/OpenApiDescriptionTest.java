package com.csmflow.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.csmflow.hardening.ApiEndpoints.Endpoint;
import com.csmflow.harness.CsmFlowTest;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.w3c.dom.Document;

/**
 * Issue 14: the OpenAPI description of the domain API ({@code /api/openapi}) says what the API does: the
 * build's title and version, HTTP Basic, the 201 of every operation that creates, and the problems every
 * operation can answer. Operations come from Spring MVC's handler mapping, so a new controller is checked
 * as soon as it exists; every schema a body or answer points at must describe that Java type, which is
 * what went wrong when two classes shared a simple name.
 */
@CsmFlowTest
class OpenApiDescriptionTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    /** Operations that create something, and whether they say where it is (Location). */
    private static final Map<String, Boolean> CREATING = Map.ofEntries(
            Map.entry("POST /api/clients", true),
            Map.entry("POST /api/sla-targets", true),
            Map.entry("POST /api/changes", true),
            Map.entry("POST /api/escalations", true),
            Map.entry("POST /api/problems", true),
            Map.entry("POST /api/complaints", true),
            Map.entry("POST /api/problems/{reference}/actions", true),
            Map.entry("POST /api/sip-actions", true),
            Map.entry("POST /api/risks", true),
            Map.entry("POST /api/reviews", true),
            Map.entry("POST /api/service-desk-requests", true),
            Map.entry("POST /api/clients/{reference}/onboarding", true),
            Map.entry("POST /api/clients/{reference}/documents", true),
            Map.entry("POST /api/clients/{reference}/contracts/{contractReference}/supplements", true),
            Map.entry("POST /api/time-entries", true),
            Map.entry("POST /api/cis", true),
            Map.entry("POST /api/incidents", false),
            Map.entry("POST /api/service-requests", true),
            Map.entry("POST /api/access-requests", true),
            Map.entry("POST /api/access-reviews", true),
            Map.entry("POST /api/training-records", true),
            Map.entry("POST /api/security-events", true),
            Map.entry("POST /api/security-controls", true),
            Map.entry("POST /api/security-assets", true));

    /** Operations that answer 409 when the request clashes with the current state (see the services). */
    private static final Set<String> CONFLICTING = Set.of(
            "POST /api/service-actions/{reference}/follow-ups",
            "POST /api/clients",
            "PUT /api/clients/{reference}",
            "POST /api/clients/{reference}/retire",
            "DELETE /api/clients/{reference}",
            "POST /api/clients/{reference}/contracts/{contractReference}/supplements",
            "POST /api/sla-targets",
            "PUT /api/sla-targets/{id}",
            "PUT /api/cis/{reference}",
            "PATCH /api/cis/{reference}",
            "POST /api/escalations/{reference}/client-response",
            "POST /api/escalations/{reference}/client-confirmation",
            "POST /api/problems/{reference}/actions",
            "POST /api/incidents",
            "POST /api/services/{reference}/end",
            "POST /api/services/{reference}/resource-requests",
            "POST /api/services/{reference}/resource-additions",
            "POST /api/services/{reference}/resource-retirements",
            "POST /api/access-rights/{reference}/revocation",
            "POST /api/access-reviews");

    @Autowired
    TestRestTemplate rest;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    ObjectMapper objectMapper;

    private OpenAPI description;
    private List<Endpoint> endpoints;

    @BeforeEach
    void readDescription() throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth("csm", "csm").getForEntity("/api/openapi", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        description = Json.mapper().readValue(response.getBody(), OpenAPI.class);
        endpoints = ApiEndpoints.discover(mapping);
        assertThat(endpoints).hasSizeGreaterThan(30);
    }

    @Test
    void titleAndVersionAreTheProjectsOwn() throws Exception {
        assertThat(description.getInfo().getTitle()).isEqualTo("CSM Flow domain API");
        assertThat(description.getInfo().getVersion()).isEqualTo(pomVersion());
        assertThat(description.getInfo().getDescription()).contains("HTTP Basic", "application/problem+json");
    }

    @Test
    void everyOperationNeedsHttpBasic() {
        assertThat(description.getComponents().getSecuritySchemes()).containsKey("basicAuth");
        SecurityScheme basic = description.getComponents().getSecuritySchemes().get("basicAuth");
        assertThat(basic.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(basic.getScheme()).isEqualTo("basic");
        assertThat(description.getSecurity())
                .extracting(requirement -> requirement.keySet())
                .containsExactly(Set.of("basicAuth"));
        for (Endpoint endpoint : endpoints) {
            // an operation's own (e.g. empty) list would override the global requirement
            List<SecurityRequirement> own = operation(endpoint).getSecurity();
            assertThat(own)
                    .as(endpoint.label())
                    .satisfiesAnyOf(
                            list -> assertThat(list).isNull(),
                            list -> assertThat(list).extracting(Map::keySet).containsExactly(Set.of("basicAuth")));
        }
    }

    @Test
    void everyOperationIsDescribedWithItsProblems() {
        assertThat(description.getPaths().keySet()).allMatch(path -> path.startsWith("/api/"));
        for (Endpoint endpoint : endpoints) {
            Map<String, ApiResponse> responses = operation(endpoint).getResponses();
            assertThat(responses).as(endpoint.label()).containsKeys("400", "401", "403");
            assertThat(responses.keySet())
                    .as(endpoint.label() + " has a success answer")
                    .anyMatch(code -> code.startsWith("2"));
            responses.forEach((code, response) -> {
                if (code.startsWith("4")) {
                    assertThat(response.getDescription())
                            .as(endpoint.label() + " " + code)
                            .isNotBlank();
                    assertThat(response.getContent())
                            .as(endpoint.label() + " " + code)
                            .containsOnlyKeys("application/problem+json");
                    assertThat(response.getContent()
                                    .get("application/problem+json")
                                    .getSchema()
                                    .get$ref())
                            .as(endpoint.label() + " " + code)
                            .isEqualTo(PROBLEM_REF);
                }
            });
            assertThat(responses.get("401").getHeaders()).as(endpoint.label()).containsKey("WWW-Authenticate");
            if (endpoint.pathVariables().contains("reference")
                    || endpoint.pathVariables().contains("id")) {
                assertThat(responses).as(endpoint.label() + " names a record").containsKey("404");
            }
            if (CONFLICTING.contains(endpoint.label())) {
                assertThat(responses).as(endpoint.label()).containsKey("409");
            }
        }
        Schema<?> problem = description.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "errors");
        assertThat(description.getComponents().getSchemas().get("FieldError").getProperties())
                .containsOnlyKeys("field", "message");
    }

    @Test
    void everyOperationThatCreatesAnswers201() {
        assertThat(endpoints.stream().map(Endpoint::label)).containsAll(CREATING.keySet());
        for (Endpoint endpoint : endpoints) {
            Map<String, ApiResponse> responses = operation(endpoint).getResponses();
            Boolean location = CREATING.get(endpoint.label());
            if (location == null) {
                assertThat(responses).as(endpoint.label() + " creates nothing").doesNotContainKey("201");
                continue;
            }
            assertThat(responses).as(endpoint.label()).containsKey("201").doesNotContainKey("200");
            ApiResponse created = responses.get("201");
            assertThat(created.getContent()).as(endpoint.label()).containsKey("application/json");
            if (location) {
                assertThat(created.getHeaders()).as(endpoint.label()).containsKey("Location");
                assertThat(created.getHeaders().get("Location").getSchema())
                        .as(endpoint.label())
                        .isNotNull();
            }
        }
    }

    @Test
    void theEscalationsClientResponseIsNotTheClientRegistersSchema() {
        Operation clientResponse = description
                .getPaths()
                .get("/api/escalations/{reference}/client-response")
                .getPost();
        Schema<?> body = clientResponse
                .getRequestBody()
                .getContent()
                .get("application/json")
                .getSchema();
        assertThat(body.get$ref()).isNotEqualTo("#/components/schemas/ClientResponse");
        assertThat(resolve(body).getProperties()).containsOnlyKeys("message");
        assertThat(resolve(operation("GET", "/api/clients/{reference}")
                                .getResponses()
                                .get("200")
                                .getContent()
                                .get("application/json")
                                .getSchema())
                        .getProperties())
                .containsKeys("reference", "name");
    }

    /** Two Java types under one schema name show up as a schema whose properties are another type's. */
    @Test
    void everySchemaDescribesTheJavaTypeItStandsFor() {
        List<String> mismatches = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            Operation operation = operation(endpoint);
            if (endpoint.hasBody()) {
                compare(
                        endpoint.label() + " body",
                        operation.getRequestBody().getContent(),
                        endpoint.bodyType(),
                        true,
                        mismatches);
            }
            operation.getResponses().entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("2"))
                    .filter(entry -> entry.getValue().getContent() != null)
                    .forEach(entry -> compare(
                            endpoint.label() + " " + entry.getKey(),
                            entry.getValue().getContent(),
                            endpoint.handler().getMethod().getGenericReturnType(),
                            false,
                            mismatches));
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void the401IsTheProblemTheDescriptionPromises() throws Exception {
        for (String path : List.of("/api/clients", "/api/openapi")) {
            ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(anonymous.getHeaders().getContentType())
                    .as(path)
                    .matches(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON));
            assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Basic realm=\"CSM Flow\"");
            JsonNode problem = objectMapper.readTree(anonymous.getBody());
            assertThat(problem.path("status").asInt()).isEqualTo(401);
            assertThat(problem.path("title").asText()).isEqualTo("Unauthorized");
        }
    }

    private void compare(String what, Content content, Type javaType, boolean request, List<String> mismatches) {
        Type type = unwrap(javaType, org.springframework.http.ResponseEntity.class);
        boolean list = type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw);
        if (list) {
            type = ((ParameterizedType) type).getActualTypeArguments()[0];
        }
        JavaType java = objectMapper.constructType(type);
        if (java.isMapLikeType()
                || java.isContainerType()
                || JsonNode.class.isAssignableFrom(java.getRawClass())
                || java.getRawClass() == Void.class
                || java.getRawClass().getPackageName().startsWith("java.")) {
            return;
        }
        if (!content.containsKey("application/json")) {
            mismatches.add(what + " is not described as application/json but as " + content.keySet());
            return;
        }
        Schema<?> schema = content.get("application/json").getSchema();
        Schema<?> named = list ? schema.getItems() : schema;
        assertThat(named.get$ref()).as(what).isNotNull();
        BeanDescription bean = request
                ? objectMapper.getDeserializationConfig().introspect(java)
                : objectMapper.getSerializationConfig().introspect(java);
        Set<String> javaProperties = bean.findProperties().stream()
                .map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> schemaProperties =
                new TreeSet<>(resolve(named).getProperties().keySet());
        if (!javaProperties.equals(schemaProperties)) {
            mismatches.add(what + ": " + named.get$ref() + " has " + schemaProperties + ", "
                    + java.getRawClass().getName() + " has " + javaProperties);
        }
    }

    private static Type unwrap(Type type, Class<?> wrapper) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == wrapper) {
            return parameterized.getActualTypeArguments()[0];
        }
        return type;
    }

    private Schema<?> resolve(Schema<?> schema) {
        String ref = schema.get$ref();
        if (ref == null) {
            return schema;
        }
        Schema<?> named = description.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));
        assertThat(named).as(ref).isNotNull();
        return named;
    }

    private Operation operation(Endpoint endpoint) {
        return operation(endpoint.method().name(), endpoint.pattern());
    }

    private Operation operation(String method, String path) {
        PathItem item = description.getPaths().get(path);
        assertThat(item).as("%s is described", path).isNotNull();
        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        assertThat(operation).as("%s %s is described", method, path).isNotNull();
        return operation;
    }

    /** The project's version as the build declares it (surefire runs in the project directory). */
    private static String pomVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        String version = XPathFactory.newInstance().newXPath().evaluate("/project/version", pom);
        assertThat(version).isNotBlank();
        return version;
    }
}
