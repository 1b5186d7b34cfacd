package com.shipdelay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.shipdelay.evidence.EvidenceFiles;
import java.time.Instant;
import java.util.List;

/** A report as the merchant API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportView(
    long id,
    String type,
    String status,
    Instant createdAt,
    Instant delayUntil,
    int orderCount,
    Instant reviewDueAt,
    Instant decidedAt,
    String reason,
    String remark,
    List<String> affectedRegions,
    String decision,
    String decisionComment,
    List<String> missingEvidenceKinds,
    List<EvidenceFiles.View> evidence,
    List<TimelineEntry> timeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ExcludedOrder> excludedOrders) {

  public record TimelineEntry(Instant at, String event, String detail) {}

  ReportView withExcludedOrders(List<ExcludedOrder> excluded) {
    return new ReportView(
        id,
        type,
        status,
        createdAt,
        delayUntil,
        orderCount,
        reviewDueAt,
        decidedAt,
        reason,
        remark,
        affectedRegions,
        decision,
        decisionComment,
        missingEvidenceKinds,
        evidence,
        timeline,
        excluded);
  }
}
