package com.shipdelay.report;

import java.util.Set;

/** A report's status, as {@code API.md} lists it. */
public enum ReportStatus {
  SUBMITTED,
  AWAITING_EVIDENCE,
  IN_REVIEW,
  ESCALATED,
  APPROVED,
  REJECTED,
  WITHDRAWN,
  EXPIRED,
  INVALID;

  /** Statuses in which a report still holds its orders and may be approved. */
  public static final Set<ReportStatus> PENDING =
      Set.of(SUBMITTED, AWAITING_EVIDENCE, IN_REVIEW, ESCALATED);

  public boolean pending() {
    return PENDING.contains(this);
  }
}
