package com.shipdelay.webhook;

/**
 * What a merchant may subscribe to: every type of its inbox, and orders exempted by an
 * announcement. The names are the inbox's {@code type} values.
 */
enum WebhookEventType {
  REPORT_APPROVED,
  REPORT_REJECTED,
  EVIDENCE_REQUESTED,
  REVIEW_DELAYED,
  REPORT_EXPIRED,
  REPORT_INVALID,
  REPORT_WITHDRAWN,
  ORDERS_EXEMPTED_BY_ANNOUNCEMENT;

  static boolean isOne(String name) {
    for (WebhookEventType type : values()) {
      if (type.name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
