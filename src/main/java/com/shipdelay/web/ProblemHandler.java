package com.shipdelay.web;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become RFC 9457 problem+json. Every answer carries a stable {@code
 * code}; none carries a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return ResponseEntity.status(e.status())
        .body(Problems.of(e.status(), e.code(), e.getMessage(), e.errors()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return ResponseEntity.badRequest()
        .body(
            Problems.of(
                HttpStatus.BAD_REQUEST,
                "MALFORMED_REQUEST",
                "参数 " + e.getName() + " 的格式不正确",
                List.of(Map.of("field", e.getName(), "message", "格式不正确"))));
  }

  /** Bigger than any file the API takes (the multipart limit): refused before a byte is kept. */
  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
        .body(
            Problems.of(
                HttpStatus.PAYLOAD_TOO_LARGE, "FILE_TOO_LARGE", "上传的文件超过 25 MB 的上限", List.of()));
  }

  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> malformedMultipart(Exception e) {
    return ResponseEntity.badRequest()
        .body(
            Problems.of(
                HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "multipart 请求格式错误，无法解析", List.of()));
  }

  /** Two changes to one process instance at once: the loser may simply try again. */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> concurrentChange(Exception e) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .body(Problems.of(HttpStatus.CONFLICT, "CONCURRENT_UPDATE", "报备正在被同时处理，请稍后重试", List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    log.error("Unexpected error", e);
    return ResponseEntity.internalServerError()
        .body(
            Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "服务器内部错误，请稍后重试", List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return ResponseEntity.badRequest()
        .body(
            Problems.of(
                HttpStatus.BAD_REQUEST,
                "MALFORMED_REQUEST",
                "请求体不是有效的 JSON，或字段类型不正确（订单号、商品 ID 须为字符串，时间须为带时区的 ISO-8601 格式）",
                List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, Object>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.<String, Object>of(
                        "field",
                        f.getField(),
                        "message",
                        f.getDefaultMessage() == null ? "无效" : f.getDefaultMessage()))
            .toList();
    return ResponseEntity.badRequest()
        .body(Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求字段校验未通过", errors));
  }

  /** Framework errors (405, 406, 415, missing parameters, …) keep their status, gain a code. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    HttpStatus status = HttpStatus.valueOf(statusCode.value());
    String code = status.name();
    String detail = status.is4xxClientError() ? "请求无效：" + status.getReasonPhrase() : "服务器内部错误";
    return ResponseEntity.status(status)
        .headers(headers)
        .body(Problems.of(status, code, detail, List.of()));
  }
}
