package com.shipdelay.report;

import com.shipdelay.validation.ReportType;

/**
 * Published inside the submission's transaction once the report and its orders are saved. The
 * workflow starts the report's process instance on it, in the same transaction.
 */
public record ReportSubmitted(long reportId, long merchantId, ReportType type, int orders) {}
