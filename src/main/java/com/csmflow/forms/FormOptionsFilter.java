package com.csmflow.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Fills the option lists of a Camunda Form as the engine's API hands the form out ({@code GET
 * .../task/{id}/deployed-form}, {@code .../process-definition/{id}/deployed-start-form}, on
 * {@code /engine-rest} and the webapps' engine API): every component whose {@code valuesKey} names a list of
 * {@link FormOptions} gets that list as its static {@code values}, built now.
 * <p>
 * Why the form and not variables: Tasklist 7.24 loads no variables at all for a start form
 * ({@code cam-tasklist-form-camunda.js} calls {@code form-variables} only with a task id), and a list written
 * as a variable on every task would be copied into history each time. Only an answer the engine gave with 200
 * is changed, so who may see a form is still the engine's authorization; a {@code valuesKey} the platform does
 * not know is left to Tasklist (a task variable of that name).
 */
class FormOptionsFilter extends OncePerRequestFilter {

    private final FormOptions options;
    private final ObjectMapper objectMapper;

    FormOptionsFilter(FormOptions options, ObjectMapper objectMapper) {
        this.options = options;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"GET".equals(request.getMethod())
                || !(path.endsWith("/deployed-form") || path.endsWith("/deployed-start-form"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        String contentType = captured.getContentType();
        if (captured.getStatus() == HttpServletResponse.SC_OK
                && contentType != null
                && contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            byte[] filled = fill(captured.getContentAsByteArray(), taskId(request.getRequestURI()));
            if (filled != null) {
                captured.resetBuffer();
                captured.getOutputStream().write(filled);
            }
        }
        captured.copyBodyToResponse();
    }

    /** The task of {@code .../task/{id}/deployed-form}, or {@code null} for a start form. */
    static String taskId(String path) {
        int end = path.lastIndexOf("/deployed-form");
        int start = path.lastIndexOf("/task/", end);
        if (end < 0 || start < 0 || path.endsWith("/deployed-start-form")) {
            return null;
        }
        String id = path.substring(start + "/task/".length(), end);
        return id.isEmpty() || id.contains("/") ? null : id;
    }

    /** The form with its lists filled, or {@code null} when it names none (or is not a form). */
    byte[] fill(byte[] form) {
        return fill(form, null);
    }

    /** The same, for the form of the task (or a start form when {@code taskId} is null). */
    byte[] fill(byte[] form, String taskId) {
        JsonNode schema;
        try {
            schema = objectMapper.readTree(form);
        } catch (IOException notJson) {
            return null;
        }
        if (schema == null || !schema.path("components").isArray()) {
            return null;
        }
        Map<String, List<FormOptions.Option>> built = new HashMap<>();
        boolean changed = fill((ArrayNode) schema.get("components"), built, taskId);
        try {
            return changed ? objectMapper.writeValueAsBytes(schema) : null;
        } catch (IOException cannotHappen) {
            return null;
        }
    }

    private boolean fill(ArrayNode components, Map<String, List<FormOptions.Option>> built, String taskId) {
        boolean changed = false;
        for (JsonNode component : components) {
            if (!(component instanceof ObjectNode field)) {
                continue;
            }
            String valuesKey = field.path("valuesKey").asText(null);
            Optional<List<FormOptions.Option>> list =
                    built.containsKey(valuesKey) ? Optional.of(built.get(valuesKey)) : options.list(valuesKey, taskId);
            if (list.isPresent()) {
                built.put(valuesKey, list.get());
                ArrayNode values = field.putArray("values");
                list.get()
                        .forEach(option ->
                                values.addObject().put("label", option.label()).put("value", option.value()));
                field.remove("valuesKey");
                changed = true;
            }
            if (field.path("components").isArray()) {
                changed |= fill((ArrayNode) field.get("components"), built, taskId);
            }
        }
        return changed;
    }
}
