package com.shipdelay.report;

import com.shipdelay.notification.NotificationType;
import java.time.Instant;

/** What the merchant's inbox says about a report, one method per {@link NotificationType}. */
final class NotificationTexts {

  /** A message and its type, as {@code Notifications.notify} writes them. */
  record Notice(NotificationType type, String message) {}

  private NotificationTexts() {}

  static Notice invalid(long reportId) {
    return new Notice(NotificationType.REPORT_INVALID, "报备 " + reportId + " 校验未通过：其中的订单均已不是待发货状态。");
  }

  /**
   * @param what what is missing, ending with its own full stop ("。")
   */
  static Notice evidenceRequested(long reportId, String what, Instant due) {
    return new Notice(
        NotificationType.EVIDENCE_REQUESTED,
        "报备 "
            + reportId
            + " 需要补充凭证："
            + what
            + "请在 "
            + Labels.DISPLAY_TIME.format(due)
            + " 前补充，否则报备将失效。");
  }

  static Notice expired(long reportId) {
    return new Notice(
        NotificationType.REPORT_EXPIRED, "报备 " + reportId + " 因未在期限内补充凭证已失效，订单恢复正常考核。");
  }

  static Notice reviewDelayed(long reportId) {
    return new Notice(
        NotificationType.REVIEW_DELAYED, "报备 " + reportId + " 的审核时间比通常更长，已转交审核组长优先处理，请耐心等待。");
  }

  static Notice rejected(long reportId, String reason) {
    return new Notice(NotificationType.REPORT_REJECTED, "报备 " + reportId + " 未通过审核：" + reason);
  }

  static Notice approved(long reportId, int orders) {
    return new Notice(
        NotificationType.REPORT_APPROVED,
        "报备 " + reportId + " 已通过审核，" + orders + " 个订单在延迟发货时间前不计入及时发货率与揽收异常率。");
  }

  static Notice withdrawn(long reportId) {
    return new Notice(NotificationType.REPORT_WITHDRAWN, "报备 " + reportId + " 已撤回，其中的订单恢复正常考核。");
  }
}
