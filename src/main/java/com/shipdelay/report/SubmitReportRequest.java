package com.shipdelay.report;

import java.time.OffsetDateTime;
import java.util.List;

/** The body of {@code POST /api/v1/delay-reports}. */
public record SubmitReportRequest(
    String type,
    OffsetDateTime delayUntil,
    String reason,
    String remark,
    List<String> affectedRegions,
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
