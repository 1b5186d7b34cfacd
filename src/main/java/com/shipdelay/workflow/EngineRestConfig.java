package com.shipdelay.workflow;

import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Outages;
import com.shipdelay.web.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /engine-rest} as the starter configures it, plus mappings for what the standard handlers
 * answer with 500 although it is not a server error:
 *
 * <ul>
 *   <li>a refusal inside a task listener (the engine wraps it): 403 or 400, as itself;
 *   <li>a task that is gone (completed by someone else) or a review decided meanwhile: 409 {@code
 *       TASK_ALREADY_COMPLETED}; another concurrent change: 409 {@code CONCURRENT_UPDATE};
 *   <li>a serialized Java object as a variable (ENGINE-17007): 400 {@code
 *       SERIALIZED_OBJECT_REFUSED};
 *   <li>a value the database refuses (a NUL byte): 400 {@code INVALID_DATA};
 *   <li>the database down: 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
 * </ul>
 *
 * Answers keep the engine REST API's shape ({@code type}, {@code message}) plus a stable {@code
 * code}; what they add never names a Java type.
 */
@Component
class EngineRestConfig extends CamundaJerseyResourceConfig {

  private static final Logger log = LoggerFactory.getLogger(EngineRestConfig.class);

  static final String TASK_GONE = "该任务已被他人完成或已不存在，请刷新任务列表";

  @Override
  protected void registerAdditionalResources() {
    register(RefusedCompletionMapper.class);
    register(WrappedRefusalMapper.class);
    register(OutageMapper.class);
  }

  /** What the mappers below answer for {@code e} before the standard handlers are asked. */
  static Optional<Response> known(Throwable e) {
    if (Outages.database(e)) {
      log.warn("{} on /engine-rest: {}", ErrorCode.DATABASE_UNAVAILABLE, Outages.summary(e));
      return Optional.of(
          Response.fromResponse(refusal(ErrorCode.DATABASE_UNAVAILABLE, Outages.DATABASE_MESSAGE))
              .header("Retry-After", Outages.RETRY_AFTER_SECONDS)
              .build());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ReviewAlreadyDecided
          || (t instanceof NullValueException
              && String.valueOf(t.getMessage()).startsWith("Cannot find task"))) {
        return Optional.of(refusal(ErrorCode.TASK_ALREADY_COMPLETED, TASK_GONE));
      }
      if (t instanceof OptimisticLockingException) {
        return Optional.of(refusal(ErrorCode.CONCURRENT_UPDATE, "数据已被他人同时修改，请刷新后重试"));
      }
      if (t instanceof ProcessEngineException
          && String.valueOf(t.getMessage()).contains("ENGINE-17007")) {
        return Optional.of(
            refusal(ErrorCode.SERIALIZED_OBJECT_REFUSED, JavaObjectVariableFilter.MESSAGE));
      }
    }
    if (Outages.invalidData(e)) {
      log.warn("Refused by the database as invalid data: {}", Outages.summary(e));
      return Optional.of(refusal(ErrorCode.INVALID_DATA, "请求中包含无法保存的值（如 NUL 字符）"));
    }
    return Optional.empty();
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
      Optional<Response> known = known(exception);
      if (known.isPresent()) {
        return known.get();
      }
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

  /** The engine REST API's error shape, with a stable code and no Java type as the type. */
  static Response refusal(ErrorCode code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", Problems.type(code).toString());
    body.put("code", code.name());
    body.put("message", message);
    return Response.status(code.status().value())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body)
        .build();
  }

  /** Task completion wraps engine errors in a RestException with status 500. */
  @Priority(1000)
  public static class RefusedCompletionMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler standard = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      Optional<Response> known = known(exception);
      if (known.isPresent()) {
        return known.get();
      }
      for (Throwable t = exception; t != null; t = t.getCause()) {
        if (t instanceof BadUserRequestException refused) {
          return error(
              Response.Status.BAD_REQUEST, "InvalidRequestException", refused.getMessage());
        }
      }
      return standard.toResponse(exception);
    }
  }

  /**
   * Anything else, such as the transaction manager's own exception when no connection can be had:
   * the database down answers 503, the rest as the standard handler has it.
   */
  @Priority(1000)
  public static class OutageMapper implements ExceptionMapper<Throwable> {

    private final ExceptionHandler standard = new ExceptionHandler();

    @Override
    public Response toResponse(Throwable exception) {
      return known(exception).orElseGet(() -> standard.toResponse(exception));
    }
  }
}
