package com.shipdelay.workflow;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
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
