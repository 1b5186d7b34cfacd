package com.shipdelay.report;

import com.shipdelay.validation.ReportType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A report in the merchant's list. */
public record ReportListItem(
    long id,
    @Schema(implementation = ReportType.class) String type,
    @Schema(implementation = ReportStatus.class) String status,
    Instant createdAt,
    Instant delayUntil,
    int orderCount,
    Instant reviewDueAt,
    Instant decidedAt) {}
