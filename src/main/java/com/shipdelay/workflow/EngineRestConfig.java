package com.shipdelay.workflow;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * {@code /engine-rest} as the starter configures it, plus one mapping: the engine wraps an
 * exception from a task listener, so a review completion that breaks the rules would surface as a
 * 500. It is the client's mistake, so it answers 400 with the listener's message.
 */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    register(RefusedCompletionMapper.class);
    register(WrappedRefusalMapper.class);
  }

  /**
   * The engine wraps an exception thrown by a task listener (a claim for someone else, say) in a
   * plain ProcessEngineException, which the standard handler answers with 500. A refusal inside
   * answers as itself: 403 for an authorisation, 400 for a bad request.
   */
  @Priority(1000)
  public static class WrappedRefusalMapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler standard = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      for (Throwable t = exception.getCause(); t != null; t = t.getCause()) {
        if (t instanceof AuthorizationException refused) {
          return error(Response.Status.FORBIDDEN, "AuthorizationException", refused.getMessage());
        }
        if (t instanceof BadUserRequestException refused) {
          return error(
              Response.Status.BAD_REQUEST, "InvalidRequestException", refused.getMessage());
        }
      }
      return standard.toResponse(exception);
    }
  }

  static Response error(Response.Status status, String type, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("type", type, "message", message))
        .build();
  }

  /** Task completion wraps engine errors in a RestException with status 500. */
  @Priority(1000)
  public static class RefusedCompletionMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler standard = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable t = exception; t != null; t = t.getCause()) {
        if (t instanceof BadUserRequestException refused) {
          return Response.status(Response.Status.BAD_REQUEST)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .entity(Map.of("type", "InvalidRequestException", "message", refused.getMessage()))
              .build();
        }
      }
      return standard.toResponse(exception);
    }
  }
}
