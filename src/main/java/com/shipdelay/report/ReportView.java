package com.shipdelay.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.evidence.EvidenceKind;
import com.shipdelay.validation.ExcludedOrder;
import com.shipdelay.validation.ReportType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A report as the merchant API shows it. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportView(
    long id,
    @Schema(implementation = ReportType.class) String type,
    @Schema(implementation = ReportStatus.class) String status,
    Instant createdAt,
    Instant delayUntil,
    int orderCount,
    Instant reviewDueAt,
    Instant decidedAt,
    String reason,
    String remark,
    List<String> affectedRegions,
    @Schema(
            allowableValues = {"APPROVE", "REJECT"},
            description = "审核结论；未决定时为 null")
        String decision,
    String decisionComment,
    @ArraySchema(schema = @Schema(implementation = EvidenceKind.class))
        List<String> missingEvidenceKinds,
    List<EvidenceFiles.View> evidence,
    List<TimelineEntry> timeline,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<ExcludedOrder> excludedOrders) {

  public record TimelineEntry(
      Instant at,
      // the values of TimelineEvent, written out: the document's global enumsAsRef would turn
      // implementation = TimelineEvent.class into a shared schema, and the contract keeps this
      // list inline (TimelineEventTest keeps the two equal)
      @Schema(
              allowableValues = {
                "SUBMITTED",
                "VALIDATED",
                "EVIDENCE_COLLECTED",
                "EVIDENCE_REQUESTED",
                "EVIDENCE_SUPPLIED",
                "IN_REVIEW",
                "ESCALATED",
                "APPROVED",
                "REJECTED",
                "ORDERS_EXEMPTED",
                "WITHDRAWN",
                "EXPIRED"
              })
          String event,
      String detail) {}

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
