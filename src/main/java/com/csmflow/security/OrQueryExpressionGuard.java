package com.csmflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Iterator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda 7 CE evaluates expressions found inside the {@code orQueries} of a task query, even when
 * ad-hoc query expressions are switched off. This guard rejects such requests with 400 before they
 * reach the engine, on the public REST API and on the webapps' internal engine API alike.
 */
class OrQueryExpressionGuard extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    OrQueryExpressionGuard(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (parameterCarriesExpression(request)) {
            reject(response);
            return;
        }
        if (request.getContentLength() == 0 || !isJson(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        JsonNode root;
        try {
            root = objectMapper.readTree(body);
        } catch (IOException unreadable) {
            // Fail closed: what this parser cannot read might still be read by a more lenient one
            // behind it. The engine would answer malformed JSON with 400 anyway.
            reject(response, "The body is not valid JSON");
            return;
        }
        if (root != null && anyOrQueryCarriesExpression(root, false)) {
            reject(response);
            return;
        }
        String refused = root == null ? null : refusedValue(root);
        if (refused != null) {
            reject(response, refused, "body");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    /** A body without a content type is inspected too: the REST API may still read it as JSON. */
    private static boolean isJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType == null || contentType.toLowerCase().contains("json");
    }

    private static boolean parameterCarriesExpression(HttpServletRequest request) {
        String[] values = request.getParameterMap().get("orQueries");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (containsExpression(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOrQueryCarriesExpression(JsonNode node, boolean insideOrQueries) {
        if (node.isTextual()) {
            return insideOrQueries && containsExpression(node.asText());
        }
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (anyOrQueryCarriesExpression(node.get(name), insideOrQueries || "orQueries".equals(name))) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (anyOrQueryCarriesExpression(element, insideOrQueries)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Input the engine answers with a 500 instead of a 400 (found by HostileInputTest): a NUL character,
     * which PostgreSQL cannot store in text, fails deep in the persistence layer; a variable of type
     * File without valueInfo throws an IllegalArgumentException the REST API maps to 500.
     */
    private static String refusedValue(JsonNode node) {
        if (node.isTextual()) {
            return node.asText().indexOf('\0') >= 0 ? "Text must not contain NUL characters" : null;
        }
        if (node.isObject()) {
            JsonNode type = node.get("type");
            if (type != null
                    && type.isTextual()
                    && "file".equalsIgnoreCase(type.asText())
                    && !node.path("valueInfo").path("filename").isTextual()) {
                return "A variable of type File needs valueInfo.filename";
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (name.indexOf('\0') >= 0) {
                    return "Names must not contain NUL characters";
                }
                String refused = refusedValue(node.get(name));
                if (refused != null) {
                    return refused;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String refused = refusedValue(element);
                if (refused != null) {
                    return refused;
                }
            }
        }
        return null;
    }

    private static boolean containsExpression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    private void reject(HttpServletResponse response) throws IOException {
        reject(response, "Expressions are not allowed inside orQueries of a task query");
    }

    private void reject(HttpServletResponse response, String detail) throws IOException {
        reject(response, detail, "orQueries");
    }

    private void reject(HttpServletResponse response, String detail, String field) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("orQueries".equals(field) ? "Expression in query rejected" : "Invalid request");
        problem.setProperty("field", field);
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
