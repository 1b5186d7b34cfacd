package com.shipdelay.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One item of a problem's {@code errors}: what was wrong and where. Where is a {@code field} (a
 * JSON path such as {@code orderFilter.regions[0]}, a query parameter or a multipart part), a cell
 * of an uploaded spreadsheet ({@code row}, 1-based, and {@code column}) or an order ({@code
 * orderId}, with the {@code index} of the item in a bulk request); absent parts are left out of the
 * JSON.
 *
 * @param reason why an order was left out (see {@code ExclusionReason}), for {@code
 *     NO_ELIGIBLE_ORDERS}
 * @param code the item's own code, where one answer collects refusals of several kinds
 * @param maxLength the limit a {@code TEXT_TOO_LONG} field broke
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "FieldError", description = "问题所在的字段、单元格或订单，以及原因")
public record FieldError(
    @Schema(description = "批量请求中条目的下标（从 0 开始）") Integer index,
    @Schema(description = "Excel 行号（从 1 开始）") Integer row,
    @Schema(description = "Excel 列（A…）") String column,
    @Schema(description = "订单号") String orderId,
    @Schema(description = "字段的 JSON 路径、查询参数或 multipart 部分", example = "affectedRegions")
        String field,
    @Schema(description = "订单被排除的原因") String reason,
    @Schema(description = "说明", requiredMode = Schema.RequiredMode.REQUIRED) String message,
    @Schema(description = "该条目自己的错误码") ErrorCode code,
    @Schema(description = "字段允许的最大字符数") Integer maxLength) {

  public static FieldError of(String field, String message) {
    return new FieldError(null, null, null, null, field, null, message, null, null);
  }

  /** A cell of an uploaded spreadsheet. */
  public static FieldError cell(int row, String column, String message) {
    return new FieldError(null, row, column, null, null, null, message, null, null);
  }

  /** An order left out, with the reason's name. */
  public static FieldError order(String orderId, String reason, String message) {
    return new FieldError(null, null, null, orderId, null, reason, message, null, null);
  }

  /** A field of the {@code index}-th item of a bulk request, the item naming its order. */
  public static FieldError item(Integer index, String orderId, String field, String message) {
    return new FieldError(index, null, null, orderId, field, null, message, null, null);
  }

  public FieldError withCode(ErrorCode code) {
    return new FieldError(index, row, column, orderId, field, reason, message, code, maxLength);
  }

  FieldError withMaxLength(int max) {
    return new FieldError(index, row, column, orderId, field, reason, message, code, max);
  }
}
