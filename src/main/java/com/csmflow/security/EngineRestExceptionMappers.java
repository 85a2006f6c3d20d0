package com.csmflow.security;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;

/**
 * Engine exceptions about the request that the engine REST API answers with 500 by default. Each
 * mapper is for a subclass of ProcessEngineException, so it is nearer to the exception than the
 * engine's own mapper and always wins (two mappers for the same type would be picked at random).
 */
final class EngineRestExceptionMappers {

    private EngineRestExceptionMappers() {
    }

    /** A value the request had to name is missing or names nothing (e.g. an unknown id in the body). */
    static final class NullValue implements ExceptionMapper<NullValueException> {
        @Override
        public Response toResponse(NullValueException exception) {
            return EngineRestRequestGuard.error(Response.Status.BAD_REQUEST, "InvalidRequestException",
                    exception.getMessage());
        }
    }

    /** Someone else changed the same entity at the same time: retry, as with any concurrent update. */
    static final class OptimisticLocking implements ExceptionMapper<OptimisticLockingException> {
        @Override
        public Response toResponse(OptimisticLockingException exception) {
            return EngineRestRequestGuard.error(Response.Status.CONFLICT, "OptimisticLockingException",
                    "The entity was changed by someone else at the same time: reload and try again");
        }
    }
}
