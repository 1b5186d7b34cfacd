package com.shipdelay.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal the client can act on, raised by services and controllers alike: a stable {@link
 * ErrorCode}, a message in Simplified Chinese and, where useful, the {@link FieldError}s. The code
 * decides the HTTP status; {@link ProblemHandler} turns the refusal into RFC 9457 problem+json.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final List<FieldError> errors;

  public ApiException(ErrorCode code, String message) {
    this(code, message, List.of());
  }

  public ApiException(ErrorCode code, String message, List<FieldError> errors) {
    super(message);
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorCode.NOT_FOUND, message);
  }

  /** 400 {@code VALIDATION_FAILED} for one field, the message both as detail and as item. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(
        ErrorCode.VALIDATION_FAILED, message, List.of(FieldError.of(field, message)));
  }

  /**
   * 400 {@code VALIDATION_FAILED} listing {@code errors}, or nothing when there are none.
   *
   * @param detail the answer's detail, naming what was checked ("查询参数校验未通过")
   */
  public static void refuseIfAny(List<FieldError> errors, String detail) {
    if (!errors.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, detail, errors);
    }
  }

  ErrorCode errorCode() {
    return code;
  }

  /** The code as it is on the wire. */
  public String code() {
    return code.name();
  }

  public HttpStatus status() {
    return code.status();
  }

  public List<FieldError> errors() {
    return errors;
  }
}
