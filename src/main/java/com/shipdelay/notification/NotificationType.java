package com.shipdelay.notification;

/**
 * What an inbox message is about ({@code notification.type}). The webhook feature offers the same
 * names as event types, except {@link #WEBHOOK_FAILING}, which concerns the webhooks themselves.
 */
public enum NotificationType {
  REPORT_APPROVED,
  REPORT_REJECTED,
  EVIDENCE_REQUESTED,
  REVIEW_DELAYED,
  REPORT_EXPIRED,
  REPORT_INVALID,
  REPORT_WITHDRAWN,
  WEBHOOK_FAILING
}
