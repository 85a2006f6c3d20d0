package com.csmflow.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of the domain API ({@code /api/openapi}): its title, the build's version, HTTP
 * Basic on every operation, and the problems every operation can answer. Controllers declare only what is
 * their own (201 and its Location, 404, 409); the 400, 401 and 403 that every operation can give, and
 * the RFC 7807 body of every 4xx, are added here once, so a new controller is described right without
 * repeating them.
 */
@Configuration
class OpenApiConfiguration {

    private static final String BASIC_AUTH = "basicAuth";
    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** Version from {@code META-INF/build-info.properties} (written by the Maven build from the pom). */
    @Bean
    OpenAPI csmFlowOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        // only a run straight from an IDE, without the Maven build, lacks the build info
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI()
                .info(new Info().title("CSM Flow domain API").version(version).description("""
                                The registers and workflows of CSM Flow: clients, SLA targets and clocks, changes, \
                                escalations, problems, SIP actions, risks, incidents, notifications and the audit log. \
                                Every operation needs HTTP Basic with a platform user (the engine's identity service); \
                                what a user may do follows from its groups (docs/security.md). Errors are RFC 7807 \
                                problems (application/problem+json); a 400 names each invalid field in `errors`. \
                                The engine's own REST API is at /engine-rest and is not described here."""))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC_AUTH,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("User id and password of a platform user")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }

    /**
     * Adds 400, 401 and 403 to every /api operation and gives every 4xx the problem body. The problem
     * schemas are added here, not in the bean above: springdoc drops schemas that no operation refers to
     * before the customizers run.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getComponents().addSchemas(PROBLEM, problemSchema()).addSchemas(FIELD_ERROR, fieldErrorSchema());
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperations()
                            .forEach(operation -> operation.setResponses(withProblems(operation.getResponses())));
                    if (item.getGet() != null) {
                        describePaging(item.getGet());
                    }
                }
            });
        };
    }

    private static ApiResponses withProblems(ApiResponses documented) {
        ApiResponses responses = documented == null ? new ApiResponses() : documented;
        responses.putIfAbsent(
                "400",
                new ApiResponse()
                        .description(
                                "Invalid request: a parameter, a field of the body or the body itself is missing, malformed or "
                                        + "breaks a rule; `errors` names each field"));
        responses.putIfAbsent(
                "401",
                new ApiResponse()
                        .description("No or wrong credentials")
                        .addHeaderObject(
                                "WWW-Authenticate",
                                new Header().description("The challenge: Basic realm=\"CSM Flow\"")));
        responses.putIfAbsent(
                "403", new ApiResponse().description("Signed in, but none of the caller's groups may do this"));
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> {
                    if (entry.getValue().getHeaders() != null) {
                        // Location and WWW-Authenticate: the annotations give name and meaning, the value is text
                        entry.getValue().getHeaders().values().stream()
                                .filter(header -> header.getSchema() == null)
                                .forEach(header -> header.setSchema(new StringSchema()));
                    }
                    if (entry.getKey().startsWith("4")) {
                        // the annotations name status and reason; the body is always the same problem shape
                        entry.getValue()
                                .setContent(new Content()
                                        .addMediaType(
                                                PROBLEM_JSON,
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/" + PROBLEM))));
                    }
                    sorted.addApiResponse(entry.getKey(), entry.getValue());
                });
        return sorted;
    }

    /** The limits of {@link PageParameters}, and on lists answered as arrays the paging headers. */
    private static void describePaging(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        boolean paged = false;
        for (Parameter parameter : operation.getParameters()) {
            if ("query".equals(parameter.getIn()) && "page".equals(parameter.getName())) {
                parameter.description("Page number, from 0").getSchema().minimum(BigDecimal.ZERO);
                paged = true;
            } else if ("query".equals(parameter.getIn()) && "size".equals(parameter.getName())) {
                parameter
                        .description("Rows per page, at most " + PageParameters.MAX_SIZE)
                        .getSchema()
                        .minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(PageParameters.MAX_SIZE));
            }
        }
        ApiResponse ok = operation.getResponses() == null
                ? null
                : operation.getResponses().get("200");
        if (!paged
                || ok == null
                || ok.getContent() == null
                || ok.getContent().values().stream()
                        .noneMatch(media -> media.getSchema() != null
                                && "array".equals(media.getSchema().getType()))) {
            return;
        }
        ok.addHeaderObject(
                PageParameters.TOTAL_COUNT_HEADER,
                new Header()
                        .description("Rows matching the filters, on all pages")
                        .schema(new IntegerSchema()));
        ok.addHeaderObject(
                "Link",
                new Header()
                        .description("<url of the next page>; rel=\"next\" while there is a next page")
                        .schema(new StringSchema()));
    }

    /** The shape {@link ApiExceptionHandler} answers with (Spring's ProblemDetail plus {@code errors}). */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 7807 problem detail")
                .required(List.of("title", "status"))
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .example("about:blank")
                                .description("Kind of problem; about:blank when the status says it all"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .example("Invalid field(s): clientReference")
                                .description("What went wrong, for a person"))
                .addProperty("instance", new StringSchema().format("uri").description("The request path"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR))
                                .description("Only on 400: one entry per invalid field or parameter"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema()
                .required(List.of("field", "message"))
                .addProperty(
                        "field",
                        new StringSchema()
                                .example("contracts[0].reference")
                                .description(
                                        "Field of the body (dotted path, [index] in lists) or name of the parameter"))
                .addProperty("message", new StringSchema().example("must not be blank"));
    }
}
