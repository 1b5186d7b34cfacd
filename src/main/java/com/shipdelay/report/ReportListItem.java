package com.shipdelay.report;

import java.time.Instant;

/** A report in the merchant's list. */
public record ReportListItem(
    long id,
    String type,
    String status,
    Instant createdAt,
    Instant delayUntil,
    int orderCount,
    Instant reviewDueAt,
    Instant decidedAt) {}
