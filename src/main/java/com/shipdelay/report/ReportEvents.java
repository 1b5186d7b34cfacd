package com.shipdelay.report;

/**
 * What the report feature tells the workflow, inside the transaction that caused it. The workflow
 * turns each into an engine call in the same transaction.
 */
public final class ReportEvents {

  private ReportEvents() {}

  /** Evidence arrived: a report waiting for it wakes up, an open review task shows it. */
  public record EvidenceSupplied(long reportId) {}

  /** The merchant withdrew a report that was not decided yet. */
  public record Withdrawn(long reportId) {}
}
