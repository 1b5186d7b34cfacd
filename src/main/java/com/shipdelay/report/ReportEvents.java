package com.shipdelay.report;

import com.shipdelay.validation.ReportType;

/**
 * What the report feature tells the workflow, inside the transaction that caused it. The workflow
 * turns each into an engine call in the same transaction.
 */
public final class ReportEvents {

  private ReportEvents() {}

  /** Evidence arrived: a report waiting for it wakes up, an open review task shows it. */
  public record EvidenceSupplied(long reportId) {}

  /** The merchant withdrew a report that was not decided yet. */
  public record Withdrawn(long reportId, long merchantId) {}

  /** A reviewer decided; {@code reviewer} is the Camunda user who completed the task. */
  public record Decided(
      long reportId,
      long merchantId,
      ReportType type,
      String decision,
      String reviewer,
      java.time.Duration sinceFiling) {}

  /** The review passed its deadline and went to the review leads. */
  public record Escalated(long reportId, long merchantId) {}

  /** An approved report's orders were exempted. */
  public record Exempted(long reportId, long merchantId, int orders) {}
}
