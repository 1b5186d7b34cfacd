package com.shipdelay.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the project's problem+json bodies, for the MVC handler and for servlet filters. */
public final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Problems() {}

  public static ProblemDetail of(ErrorCode code, String detail, List<FieldError> errors) {
    return of(code.status(), code, detail, errors);
  }

  /**
   * A problem whose status is not its code's: a framework refusal answered with the generic code of
   * its status class ({@link ErrorCode#ofFrameworkStatus}).
   */
  static ProblemDetail of(
      HttpStatus status, ErrorCode code, String detail, List<FieldError> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type(code));
    problem.setTitle(title(status));
    problem.setProperty("code", code.name());
    if (!errors.isEmpty()) {
      problem.setProperty("errors", errors);
    }
    return problem;
  }

  /** The problem's {@code type}: one URI per code. */
  public static URI type(ErrorCode code) {
    return URI.create("https://shipdelay.example/problems/" + code.name().toLowerCase());
  }

  /** The problem's title, in Simplified Chinese like its detail. */
  public static String title(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "请求无效";
      case UNAUTHORIZED -> "未登录或凭证无效";
      case FORBIDDEN -> "无权访问";
      case NOT_FOUND -> "资源不存在";
      case METHOD_NOT_ALLOWED -> "不支持该请求方法";
      case NOT_ACCEPTABLE -> "无法提供所要求的响应格式";
      case CONFLICT -> "与当前状态冲突";
      case PAYLOAD_TOO_LARGE -> "请求内容过大";
      case UNSUPPORTED_MEDIA_TYPE -> "不支持的内容类型";
      case UNPROCESSABLE_ENTITY -> "请求被业务规则拒绝";
      case TOO_MANY_REQUESTS -> "请求过于频繁";
      case SERVICE_UNAVAILABLE -> "服务暂时不可用";
      case INTERNAL_SERVER_ERROR -> "服务器内部错误";
      default -> status.is4xxClientError() ? "请求无效" : "服务器错误";
    };
  }

  /** Writes a problem from a filter, where no MVC handler runs. */
  public static void write(HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    ProblemDetail problem = of(code, detail, List.of());
    response.setStatus(code.status().value());
    response.setCharacterEncoding("UTF-8");
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("code", code.name());
    JSON.writeValue(response.getOutputStream(), body);
  }
}
