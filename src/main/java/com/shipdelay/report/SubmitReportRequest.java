package com.shipdelay.report;

import com.shipdelay.validation.ReportType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** The body of {@code POST /api/v1/delay-reports}. */
public record SubmitReportRequest(
    @Schema(implementation = ReportType.class, requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "延迟发货至此时间")
        OffsetDateTime delayUntil,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 1000) String reason,
    @Schema(maxLength = 500) String remark,
    @ArraySchema(schema = @Schema(description = "GB/T 2260 地区代码", example = "6501"))
        List<String> affectedRegions,
    @ArraySchema(schema = @Schema(pattern = "^[0-9]{1,32}$", example = "2203151234567890"))
        List<String> orderIds,
    OrderFilter orderFilter) {

  public SubmitReportRequest {
    affectedRegions = affectedRegions == null ? List.of() : List.copyOf(affectedRegions);
    orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
  }

  public record OrderFilter(
      OffsetDateTime promisedFrom,
      OffsetDateTime promisedTo,
      List<String> productIds,
      List<String> regions) {}
}
