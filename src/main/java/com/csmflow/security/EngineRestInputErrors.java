package com.csmflow.security;

import com.csmflow.api.InvalidInputException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Some engine REST resources (e.g. {@code POST /process-definition/key/{key}/start}) wrap every engine
 * exception into a 500 {@link RestException}; when the cause is input the platform refused
 * ({@link InvalidInputException}), {@code /engine-rest} answers 400 with the engine's own error JSON
 * instead. Every other {@code RestException} is answered exactly as Camunda does.
 */
@Component
class EngineRestInputErrors implements ResourceConfigCustomizer {

    @Override
    public void customize(org.glassfish.jersey.server.ResourceConfig config) {
        config.register(Mapper.class);
    }

    /** Ahead of Camunda's own mapper of the same type (which has the default priority). */
    @Priority(1)
    static final class Mapper implements ExceptionMapper<RestException> {

        private final RestExceptionHandler camunda = new RestExceptionHandler();

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidInputException invalid) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", InvalidInputException.class.getSimpleName());
                    body.put("message", invalid.getMessage());
                    body.put("code", 0);
                    return Response.status(Response.Status.BAD_REQUEST)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(body)
                            .build();
                }
            }
            return camunda.toResponse(exception);
        }
    }
}
