package com.shipdelay.web;

import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Every stable {@code code} the API answers with, each with its HTTP status: a service names the
 * code and {@link ProblemHandler} (or a filter, through {@link Problems}) chooses nothing more. The
 * constant's name is the code on the wire, so a rename is a breaking change of the REST contract.
 * The OpenAPI description lists, per status, the codes of this enum (see {@code OpenApiConfig}).
 *
 * <p>The descriptions are for the OpenAPI description and for readers of this file; the detail an
 * answer carries is written where the refusal is raised, with the values that caused it.
 */
public enum ErrorCode {

  // 400: the request itself is malformed or a field fails its check
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "请求字段校验未通过（errors 列出每个字段）"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "请求格式错误（JSON、multipart 或参数无法解析）"),
  DATE_OUT_OF_RANGE(HttpStatus.BAD_REQUEST, "时间超出 0001-01-01 至 9999-12-31（UTC）"),
  INVALID_DATA(HttpStatus.BAD_REQUEST, "请求中包含无法保存的值（如 NUL 字符）"),
  FILE_NAME_TOO_LONG(HttpStatus.BAD_REQUEST, "上传部分的头信息（文件名）过长"),
  SERIALIZED_OBJECT_REFUSED(HttpStatus.BAD_REQUEST, "不接受序列化的 Java 对象作为流程变量"),
  REVIEW_COMPLETION_REFUSED(HttpStatus.BAD_REQUEST, "审核任务的完成请求不符合规则，任务保持打开"),
  /** A framework refusal (a missing parameter or part) that has no code of its own. */
  BAD_REQUEST(HttpStatus.BAD_REQUEST, "缺少必需的参数、请求头或 multipart 部分"),

  // 401, 403
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "缺少或无效的凭证"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "已登录但无权访问"),
  SETUP_CLOSED(HttpStatus.FORBIDDEN, "初始管理员设置已关闭"),

  // 404: unknown, or another merchant's
  NOT_FOUND(HttpStatus.NOT_FOUND, "资源不存在（或属于其他商家）"),
  TASK_NOT_FOUND(HttpStatus.NOT_FOUND, "审核任务不存在"),

  // 405, 406
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "该地址不支持此请求方法"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "无法提供 Accept 所要求的格式"),

  // 409: the current state does not allow it
  REPORT_CLOSED(HttpStatus.CONFLICT, "报备已决定、撤回或失效，不能再修改"),
  EVIDENCE_DEADLINE_PASSED(HttpStatus.CONFLICT, "补充凭证的期限已过"),
  IDEMPOTENCY_KEY_REUSED(HttpStatus.CONFLICT, "该 Idempotency-Key 已用于另一份不同的请求"),
  ORDER_CANCELLED(HttpStatus.CONFLICT, "订单已取消"),
  ORDER_NOT_SHIPPED(HttpStatus.CONFLICT, "订单尚未发货"),
  ORDER_ALREADY_SHIPPED(HttpStatus.CONFLICT, "订单已发货"),
  CONCURRENT_UPDATE(HttpStatus.CONFLICT, "同一数据正被同时修改，可重试"),
  TASK_ALREADY_COMPLETED(HttpStatus.CONFLICT, "审核任务已完成"),
  RECOMPUTE_RUNNING(HttpStatus.CONFLICT, "地区重算正在进行中"),
  WEBHOOK_ALREADY_REGISTERED(HttpStatus.CONFLICT, "该 Webhook 接收地址已登记"),
  DELIVERY_IN_PROGRESS(HttpStatus.CONFLICT, "该事件正在投递中"),

  // 413: too large
  FILE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "上传的单个文件超过上限"),
  REQUEST_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "整个上传请求超过上限"),
  TOO_MANY_PARTS(HttpStatus.PAYLOAD_TOO_LARGE, "multipart 部分过多"),
  EVIDENCE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "凭证文件超过上限"),
  ORDER_FILE_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "订单文件过大（或解压后过大）"),

  // 415: wrong type
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持该 Content-Type"),
  UNSUPPORTED_EVIDENCE_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "凭证文件不是 JPEG、PNG、WebP 或 PDF"),
  UNSUPPORTED_ORDER_FILE_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "订单文件不是 .xlsx"),

  // 422: a rule refused it
  INVALID_TYPE(HttpStatus.UNPROCESSABLE_ENTITY, "报备类型无效"),
  MISSING_AFFECTED_REGIONS(HttpStatus.UNPROCESSABLE_ENTITY, "该类型报备须填写影响区域"),
  SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER(HttpStatus.UNPROCESSABLE_ENTITY, "发货地位于影响区域内：请改为特殊订单报备"),
  NO_ELIGIBLE_ORDERS(HttpStatus.UNPROCESSABLE_ENTITY, "没有可报备的订单"),
  TOO_MANY_ORDERS(HttpStatus.UNPROCESSABLE_ENTITY, "订单数超过单次上限"),
  UNKNOWN_REGION(HttpStatus.UNPROCESSABLE_ENTITY, "未知的地区代码（须为 GB/T 2260 代码）"),
  INVALID_ORDER_FILE(HttpStatus.UNPROCESSABLE_ENTITY, "订单文件内容有误（errors 列出每个单元格）"),
  INVALID_EVIDENCE_KIND(HttpStatus.UNPROCESSABLE_ENTITY, "凭证类型无效"),
  TOO_MANY_EVIDENCE_FILES(HttpStatus.UNPROCESSABLE_ENTITY, "凭证文件数超过每份报备的上限"),
  TEXT_TOO_LONG(HttpStatus.UNPROCESSABLE_ENTITY, "文本超过长度上限"),
  INVALID_WINDOW(HttpStatus.UNPROCESSABLE_ENTITY, "时间窗口无效：起点须早于终点"),
  WINDOW_TOO_LONG(HttpStatus.UNPROCESSABLE_ENTITY, "统计周期过长"),
  UNKNOWN_MERCHANT(HttpStatus.UNPROCESSABLE_ENTITY, "商家不存在"),
  ORDER_MERCHANT_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY, "订单已属于另一商家"),
  WEBHOOK_URL_REFUSED(HttpStatus.UNPROCESSABLE_ENTITY, "接收地址须为 HTTPS 且不能指向内网、本机或云元数据地址"),
  WEBHOOK_LIMIT_REACHED(HttpStatus.UNPROCESSABLE_ENTITY, "Webhook 接收地址数已达上限"),

  // 500, 503
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误"),
  DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "数据库暂时不可用，可稍后重试"),
  STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "凭证存储暂时不可用，可稍后重试"),
  FILINGS_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "同时提交的报备过多，可稍后重试");

  private final HttpStatus status;
  private final String description;

  ErrorCode(HttpStatus status, String description) {
    this.status = status;
    this.description = description;
  }

  public HttpStatus status() {
    return status;
  }

  /** What the code means, in Simplified Chinese (for the OpenAPI description). */
  public String description() {
    return description;
  }

  /** The codes answered with {@code status}, in declaration order. */
  static List<ErrorCode> withStatus(HttpStatus status) {
    return Arrays.stream(values()).filter(c -> c.status == status).toList();
  }

  /**
   * The code of a framework refusal (405, 406, 415, a missing parameter, …), which is named after
   * its status; a status without such a code answers the generic code of its class.
   */
  static ErrorCode ofFrameworkStatus(HttpStatus status) {
    for (ErrorCode code : values()) {
      if (code.name().equals(status.name())) {
        return code;
      }
    }
    return status.is4xxClientError() ? BAD_REQUEST : INTERNAL_ERROR;
  }
}
