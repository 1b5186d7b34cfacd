package com.shipdelay.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become RFC 9457 problem+json. Every answer carries a stable {@code
 * code} and a Chinese title and detail; none carries a stack trace or names a Java type. Refused
 * input is not logged (or at most as a WARN line); a dependency that is down answers 503 with a
 * {@code Retry-After} (see {@link Outages}); only the unexpected is logged as an ERROR.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  private final ServerProperties server;
  private final MultipartProperties multipart;

  ProblemHandler(ServerProperties server, MultipartProperties multipart) {
    this.server = server;
    this.multipart = multipart;
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e) {
    return answer(e);
  }

  static ResponseEntity<ProblemDetail> answer(ApiException e) {
    var response = ResponseEntity.status(e.status());
    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Outages.RETRY_AFTER_SECONDS));
    }
    return response.body(Problems.of(e.errorCode(), e.getMessage(), e.errors()));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    return answer(malformedParameter(e.getName(), allowedValues(e)));
  }

  /** A query parameter that does not parse; for an enum, the answer lists the values allowed. */
  private static ApiException malformedParameter(String name, String allowed) {
    String message = allowed.isEmpty() ? "格式不正确" : "格式不正确，可选值：" + allowed;
    return new ApiException(
        ErrorCode.MALFORMED_REQUEST,
        "参数 " + name + " 的" + message,
        List.of(FieldError.of(name, message)));
  }

  /** The constants of the enum a value failed to convert to, or "". */
  private static String allowedValues(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConversionFailedException c) {
        TypeDescriptor target = c.getTargetType();
        if (target.getElementTypeDescriptor() != null) {
          target = target.getElementTypeDescriptor();
        }
        Object[] constants = target.getType().getEnumConstants();
        if (constants != null) {
          return Arrays.stream(constants).map(String::valueOf).collect(Collectors.joining("、"));
        }
      }
    }
    return "";
  }

  /**
   * Over one of the multipart parser's limits (the container's, checked before a byte reaches a
   * controller). Each limit answers with its own code: a file or a request over the configured
   * multipart limits ({@code spring.servlet.multipart}), too many parts, or a part header (in
   * practice: a file name) over the header limit.
   */
  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      MaxUploadSizeExceededException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ApiException refusal =
        multipartLimit(ex)
            .orElseGet(
                () ->
                    new ApiException(
                        ErrorCode.FILE_TOO_LARGE,
                        "上传的文件超过 " + megabytes(multipart.getMaxFileSize()) + " 的上限"));
    return ResponseEntity.status(refusal.status())
        .body(Problems.of(refusal.errorCode(), refusal.getMessage(), List.of()));
  }

  private Optional<ApiException> multipartLimit(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof FileCountLimitExceededException) {
        return Optional.of(
            new ApiException(
                ErrorCode.TOO_MANY_PARTS,
                "multipart 请求最多 " + server.getTomcat().getMaxPartCount() + " 个部分（文件与字段合计）"));
      }
      if (t instanceof SizeLimitExceededException size
          && size.getPermittedSize() == server.getTomcat().getMaxPartHeaderSize().toBytes()) {
        return Optional.of(
            new ApiException(
                ErrorCode.FILE_NAME_TOO_LONG,
                "上传部分的头信息超过 "
                    + server.getTomcat().getMaxPartHeaderSize().toKilobytes()
                    + " KB：文件名过长，请缩短文件名后重试"));
      }
      if (t instanceof SizeLimitExceededException) {
        return Optional.of(
            new ApiException(
                ErrorCode.REQUEST_TOO_LARGE,
                "整个上传请求超过 " + megabytes(multipart.getMaxRequestSize()) + " 的上限"));
      }
    }
    return Optional.empty();
  }

  /** A configured size as the messages give it: "25 MB" (whole megabytes, else kilobytes). */
  static String megabytes(DataSize size) {
    return size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0
        ? size.toMegabytes() + " MB"
        : size.toKilobytes() + " KB";
  }

  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> malformedMultipart(Exception e) {
    return answer(
        multipartLimit(e)
            .orElseGet(
                () -> new ApiException(ErrorCode.MALFORMED_REQUEST, "multipart 请求格式错误，无法解析")));
  }

  /** Two changes to one process instance at once: the loser may simply try again. */
  @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
  ResponseEntity<ProblemDetail> concurrentChange(Exception e) {
    return answer(new ApiException(ErrorCode.CONCURRENT_UPDATE, "报备正在被同时处理，请稍后重试"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (Outages.database(e)) {
      log.warn("{}: {}", ErrorCode.DATABASE_UNAVAILABLE, Outages.summary(e));
      return answer(Outages.databaseUnavailable());
    }
    if (Outages.invalidData(e)) {
      // a value the database refuses (a NUL byte, a time out of its range) that no check caught
      log.warn("Refused by the database as invalid data: {}", Outages.summary(e));
      return answer(new ApiException(ErrorCode.INVALID_DATA, "请求中包含无法保存的值（如 NUL 字符或超出范围的时间）"));
    }
    log.error("Unexpected error", e);
    return ResponseEntity.internalServerError()
        .body(Problems.of(ErrorCode.INTERNAL_ERROR, "服务器内部错误，请稍后重试", List.of()));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ApiException refusal =
        JsonErrors.refusal(
            ex.getCause(), null, "请求体不是有效的 JSON，或字段类型不正确（订单号、商品 ID 须为字符串，时间须为带时区的 ISO-8601 格式）");
    return ResponseEntity.status(refusal.status())
        .body(Problems.of(refusal.errorCode(), refusal.getMessage(), refusal.errors()));
  }

  /**
   * Query parameters bound to an object (the report list's filters): a value that does not convert
   * answers like a mismatched parameter, without the converter's message (which names Java types).
   */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    org.springframework.validation.FieldError unconvertible =
        ex.getBindingResult().getFieldErrors().stream()
            .filter(org.springframework.validation.FieldError::isBindingFailure)
            .findFirst()
            .orElse(null);
    if (unconvertible != null) {
      Throwable source =
          unconvertible.contains(Exception.class) ? unconvertible.unwrap(Exception.class) : null;
      ApiException refusal = malformedParameter(unconvertible.getField(), allowedValues(source));
      return ResponseEntity.status(refusal.status())
          .body(Problems.of(refusal.errorCode(), refusal.getMessage(), refusal.errors()));
    }
    List<FieldError> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(f -> FieldError.of(f.getField(), "无效"))
            .toList();
    return ResponseEntity.badRequest()
        .body(Problems.of(ErrorCode.VALIDATION_FAILED, "请求字段校验未通过", errors));
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
    return ResponseEntity.status(status)
        .headers(headers)
        .body(
            Problems.of(
                status, ErrorCode.ofFrameworkStatus(status), detail(ex, status), List.of()));
  }

  private static String detail(Exception ex, HttpStatus status) {
    if (ex instanceof MissingServletRequestParameterException missing) {
      return "缺少参数 " + missing.getParameterName();
    }
    if (ex instanceof MissingServletRequestPartException missing) {
      return "缺少 multipart 部分 " + missing.getRequestPartName();
    }
    if (ex instanceof MissingRequestHeaderException missing) {
      return "缺少请求头 " + missing.getHeaderName();
    }
    if (ex instanceof HttpRequestMethodNotSupportedException method) {
      return "该地址不支持 " + method.getMethod() + " 请求";
    }
    if (ex instanceof HttpMediaTypeNotSupportedException) {
      return "不支持该 Content-Type";
    }
    if (ex instanceof HttpMediaTypeNotAcceptableException) {
      return "无法提供 Accept 所要求的格式";
    }
    if (ex instanceof NoResourceFoundException) {
      return "资源不存在";
    }
    return Problems.title(status);
  }
}
