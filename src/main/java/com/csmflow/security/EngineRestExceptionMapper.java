package com.csmflow.security;

import com.csmflow.api.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;

/**
 * Engine exceptions about the request that the engine REST API answers with 500 (issue 14, "No 5xx"):
 * a value the request had to name is missing or names nothing ({@link NullValueException}); the engine
 * refused the request itself (a bare {@link ProcessEngineException} without a cause, e.g. "You must
 * specify at least one of jobIds or jobQuery"); a concurrent update ({@link OptimisticLockingException},
 * 409). Everything else, such as a failure in the persistence layer, goes to the engine's own mapping.
 * The priority makes Jersey prefer this mapper to the engine's mapper for the same type.
 */
@Priority(1000)
// public with a public constructor: Jersey instantiates it by class name for the webapps' engine API
public class EngineRestExceptionMapper implements ExceptionMapper<ProcessEngineException> {

    @Override
    public Response toResponse(ProcessEngineException exception) {
        if (exception instanceof OptimisticLockingException) {
            return EngineRestRequestGuard.error(
                    Response.Status.CONFLICT,
                    "OptimisticLockingException",
                    "The entity was changed by someone else at the same time: reload and try again");
        }
        if (exception instanceof NullValueException
                || exception.getClass() == ProcessEngineException.class && exception.getCause() == null) {
            return EngineRestRequestGuard.error(
                    Response.Status.BAD_REQUEST, "InvalidRequestException", exception.getMessage());
        }
        return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }

    /**
     * The engine REST resources dereference a missing body (e.g. JSON {@code null} or none at all) or a
     * missing field of it without checking: a NullPointerException thrown by the REST layer itself is
     * the request's fault. One thrown deeper, by the engine, stays a 500.
     */
    @Priority(1000)
    public static class MissingBody implements ExceptionMapper<NullPointerException> {
        @Override
        public Response toResponse(NullPointerException exception) {
            StackTraceElement[] trace = exception.getStackTrace();
            if (trace.length > 0 && trace[0].getClassName().startsWith("org.camunda.bpm.engine.rest.")) {
                return EngineRestRequestGuard.error(
                        Response.Status.BAD_REQUEST,
                        "InvalidRequestException",
                        "The request lacks its body or a required field of it");
            }
            return ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    /**
     * Some resources (e.g. {@code POST /process-definition/key/{key}/start}) wrap every engine exception in a
     * 500 {@link RestException}; when the cause is input the platform refused ({@link InvalidInputException})
     * the answer is a 400 naming the field. Every other {@code RestException} is answered as Camunda does.
     */
    @Priority(1000)
    public static class RefusedInput implements ExceptionMapper<RestException> {
        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException invalid) {
                    return EngineRestRequestGuard.error(
                            Response.Status.BAD_REQUEST,
                            InvalidInputException.class.getSimpleName(),
                            invalid.getMessage());
                }
            }
            return camunda.toResponse(exception);
        }
    }
}
