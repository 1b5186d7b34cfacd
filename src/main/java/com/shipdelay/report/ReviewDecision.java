package com.shipdelay.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * A reviewer's decision on a report, as the review form's {@code decision} variable names it. It
 * stays with the report, which records it ({@code delay_report.decision}) and whose transition
 * table its outcome must pass; the rules a decision must meet are the review's ({@code
 * ReviewDecisions}).
 */
public enum ReviewDecision {
  APPROVE(ReportStatus.APPROVED),
  REJECT(ReportStatus.REJECTED),
  REQUEST_EVIDENCE(ReportStatus.AWAITING_EVIDENCE);

  private final ReportStatus outcome;

  ReviewDecision(ReportStatus outcome) {
    this.outcome = outcome;
  }

  /** The status the report moves to. */
  public ReportStatus outcome() {
    return outcome;
  }

  /** Whether the reviewer must say why (a rejection's reason, what evidence is wanted). */
  public boolean needsComment() {
    return this != APPROVE;
  }

  public static Optional<ReviewDecision> parse(Object value) {
    return Arrays.stream(values()).filter(d -> d.name().equals(value)).findFirst();
  }
}
