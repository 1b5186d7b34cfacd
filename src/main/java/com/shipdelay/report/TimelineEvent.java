package com.shipdelay.report;

/** What a report's timeline records ({@code report_event.event}). */
enum TimelineEvent {
  SUBMITTED,
  VALIDATED,
  EVIDENCE_COLLECTED,
  EVIDENCE_REQUESTED,
  EVIDENCE_SUPPLIED,
  IN_REVIEW,
  ESCALATED,
  APPROVED,
  REJECTED,
  ORDERS_EXEMPTED,
  WITHDRAWN,
  EXPIRED
}
