package com.csmflow.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * Runs after Jersey has matched a request to an engine resource and before the engine sees it
 * (issue 14, "No 5xx"):
 * <ul>
 * <li>A request addressed to one entity by id ({@code /task/{id}/...}, {@code /process-instance/{id}/...}, ...)
 * whose id the caller cannot see, because it does not exist or because engine authorization hides it,
 * gets one answer for both: 404 for reads, 403 for everything else, with the same body. Without this,
 * an unknown task's variables answered 500 and a hidden one's 403, telling which ids exist; deleting
 * a task of a running process answered 500 to anyone, even to callers who may not see it.</li>
 * <li>Deleting a visible task of a running process or case is a 409 (the engine threw a bare
 * exception the REST API maps to 500).</li>
 * <li>A deployment must be a multipart upload; without one the engine's resource failed with a
 * NullPointerException (500).</li>
 * </ul>
 * Visibility is an authorization-checked query as the caller (the engine authentication is set by
 * {@link EngineAuthenticationFilter} for the whole request), so it sees exactly what the engine's own
 * list endpoints show the caller.
 */
// public with a public constructor: Jersey instantiates it by class name for the webapps' engine API
public class EngineRestRequestGuard implements ContainerRequestFilter {

    private static final List<String> PAGING = List.of("firstResult", "maxResults");

    private final Map<String, BiFunction<ProcessEngine, String, Long>> visible = new LinkedHashMap<>();

    public EngineRestRequestGuard() {
        visible.put(
                "task",
                (e, id) -> e.getTaskService().createTaskQuery().taskId(id).count());
        visible.put(
                "process-instance",
                (e, id) -> e.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceId(id)
                        .count());
        visible.put(
                "execution",
                (e, id) -> e.getRuntimeService()
                        .createExecutionQuery()
                        .executionId(id)
                        .count());
        visible.put(
                "job",
                (e, id) -> e.getManagementService().createJobQuery().jobId(id).count());
        visible.put(
                "incident",
                (e, id) -> e.getRuntimeService()
                        .createIncidentQuery()
                        .incidentId(id)
                        .count());
        visible.put(
                "process-definition",
                (e, id) -> e.getRepositoryService()
                        .createProcessDefinitionQuery()
                        .processDefinitionId(id)
                        .count());
        visible.put(
                "decision-definition",
                (e, id) -> e.getRepositoryService()
                        .createDecisionDefinitionQuery()
                        .decisionDefinitionId(id)
                        .count());
        visible.put(
                "deployment",
                (e, id) -> e.getRepositoryService()
                        .createDeploymentQuery()
                        .deploymentId(id)
                        .count());
        visible.put(
                "filter",
                (e, id) -> e.getFilterService().createFilterQuery().filterId(id).count());
        visible.put(
                "variable-instance",
                (e, id) -> e.getRuntimeService()
                        .createVariableInstanceQuery()
                        .variableId(id)
                        .count());
        visible.put(
                "history/process-instance",
                (e, id) -> e.getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceId(id)
                        .count());
        visible.put(
                "history/task",
                (e, id) -> e.getHistoryService()
                        .createHistoricTaskInstanceQuery()
                        .taskId(id)
                        .count());
        visible.put(
                "history/variable-instance",
                (e, id) -> e.getHistoryService()
                        .createHistoricVariableInstanceQuery()
                        .variableId(id)
                        .count());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        List<PathSegment> segments = uri.getPathSegments();
        int start = segments.size() > 2 && "engine".equals(segments.get(0).getPath()) ? 2 : 0;
        String method = request.getMethod();

        // a negative offset or limit reaches the database as such and fails there (500)
        for (String name : PAGING) {
            for (String value : uri.getQueryParameters().getOrDefault(name, List.of())) {
                if (value.trim().startsWith("-")) {
                    request.abortWith(
                            error(Response.Status.BAD_REQUEST, "InvalidRequestException", name + " must be 0 or more"));
                    return;
                }
            }
        }

        if (HttpMethod.POST.equals(method)
                && segments.size() == start + 2
                && "deployment".equals(segments.get(start).getPath())
                && "create".equals(segments.get(start + 1).getPath())
                && !MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())) {
            request.abortWith(error(
                    Response.Status.BAD_REQUEST,
                    "InvalidRequestException",
                    "A deployment is uploaded as multipart/form-data with at least one resource"));
            return;
        }

        String id = uri.getPathParameters().getFirst("id");
        if (id == null) {
            return;
        }
        int idAt = -1;
        for (int i = start + 1; i < segments.size(); i++) {
            if (id.equals(segments.get(i).getPath())) {
                idAt = i;
                break;
            }
        }
        if (idAt < 0) {
            return;
        }
        StringBuilder resource = new StringBuilder();
        for (int i = start; i < idAt; i++) {
            resource.append(resource.isEmpty() ? "" : "/")
                    .append(segments.get(i).getPath());
        }
        BiFunction<ProcessEngine, String, Long> query = visible.get(resource.toString());
        if (query == null) {
            return;
        }
        ProcessEngine engine =
                EngineUtil.lookupProcessEngine(start == 2 ? segments.get(1).getPath() : null);
        if (query.apply(engine, id) == 0) {
            boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
            String noun = resource.toString().replace("history/", "historic ").replace('-', ' ');
            request.abortWith(
                    read
                            ? error(
                                    Response.Status.NOT_FOUND,
                                    "InvalidRequestException",
                                    "No " + noun + " with id " + id + " that you may see")
                            : error(
                                    Response.Status.FORBIDDEN,
                                    "AuthorizationException",
                                    "No " + noun + " with id " + id + " that you may change"));
            return;
        }
        if ("task".contentEquals(resource) && HttpMethod.DELETE.equals(method) && idAt == segments.size() - 1) {
            Task task = engine.getTaskService().createTaskQuery().taskId(id).singleResult();
            if (task != null && (task.getExecutionId() != null || task.getCaseExecutionId() != null)) {
                request.abortWith(error(
                        Response.Status.CONFLICT,
                        "InvalidRequestException",
                        "A task of a running process cannot be deleted: complete it or cancel its process instance"));
            }
        }
    }

    /** The engine REST API's own error format: {"type", "message", "code"}. */
    static Response error(Response.Status status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        body.put("code", null);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }
}
