package com.shipdelay.report;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.merchant.Merchants;
import com.shipdelay.notification.Notifications;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report's state changes that the process drives. Each is idempotent: a retried job or a second
 * cluster node repeats nothing visible.
 */
@Service
public class ReportLifecycle {

  public static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT");

  /** Reviewers work in China Standard Time. */
  private static final DateTimeFormatter DISPLAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(北京时间)'").withZone(ZoneId.of("Asia/Shanghai"));

  private final Reports reports;
  private final Merchants merchants;
  private final Notifications notifications;

  ReportLifecycle(Reports reports, Merchants merchants, Notifications notifications) {
    this.reports = reports;
    this.merchants = merchants;
    this.notifications = notifications;
  }

  /**
   * Re-checks the report's orders at run time: an order may have shipped or been cancelled since
   * submission. Such orders are released; with none left the report is INVALID.
   *
   * @return whether the report still has orders to review
   */
  @Transactional
  public boolean validate(long reportId) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    if (report.status() != ReportStatus.SUBMITTED) {
      return report.status() != ReportStatus.INVALID; // already validated by an earlier try
    }
    int dropped = reports.releaseOrdersNoLongerPending(reportId, report.merchantId());
    int left = reports.find(reportId).orElseThrow().orderCount();
    if (left == 0) {
      reports.transition(reportId, List.of(ReportStatus.SUBMITTED), ReportStatus.INVALID);
      reports.releaseOrders(reportId);
      reports.event(reportId, "VALIDATED", "校验未通过：报备中已没有待发货订单");
      notifications.notify(
          report.merchantId(),
          reportId,
          "REPORT_INVALID",
          "报备 " + reportId + " 校验未通过：其中的订单均已不是待发货状态。");
      return false;
    }
    reports.event(
        reportId,
        "VALIDATED",
        dropped == 0
            ? "校验通过，共 " + left + " 个订单"
            : "校验通过，" + dropped + " 个订单已不再待发货并被移出，剩余 " + left + " 个");
    return true;
  }

  /**
   * A reviewer's task was created: the report is in review.
   *
   * @return what the review form shows; the task keeps it as task-local variables, so the process
   *     itself still holds only the report id and its gateway flags
   */
  @Transactional
  public Map<String, Object> reviewStarted(long reportId) {
    if (reports.transition(
        reportId,
        List.of(ReportStatus.SUBMITTED, ReportStatus.AWAITING_EVIDENCE),
        ReportStatus.IN_REVIEW)) {
      reports.event(reportId, "IN_REVIEW", "报备进入人工审核");
    }
    Reports.Row report = reports.find(reportId).orElseThrow();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put(
        "merchantName", merchants.findById(report.merchantId()).map(Merchant::name).orElse(""));
    summary.put("reportType", report.type().name());
    summary.put("reportTypeLabel", report.type().label());
    summary.put("orderCount", report.orderCount());
    summary.put("excludedCount", reports.excluded(report).size());
    summary.put("delayUntil", DISPLAY_TIME.format(report.delayUntil()));
    summary.put("reason", report.reason());
    summary.put("remark", report.remark() == null ? "（无）" : report.remark());
    summary.put(
        "affectedRegions",
        report.affectedRegions().isEmpty() ? "（不适用）" : String.join("、", report.affectedRegions()));
    summary.put("reviewDueAt", DISPLAY_TIME.format(report.reviewDueAt()));
    return summary;
  }

  /** When the report's review is due: 48 hours after submission or the last supplement. */
  @Transactional(readOnly = true)
  public Instant reviewDueAt(long reportId) {
    return reports.find(reportId).orElseThrow().reviewDueAt();
  }

  /**
   * Records a reviewer's decision.
   *
   * @throws InvalidDecisionException when the decision or the comment breaks the rules; the task
   *     stays open
   */
  @Transactional
  public void decide(long reportId, Object decision, Object comment) {
    if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
      throw new InvalidDecisionException("decision 必须是 APPROVE 或 REJECT，收到：" + decision);
    }
    String text = comment instanceof String s ? s.trim() : null;
    if ("REJECT".equals(d) && (text == null || text.isEmpty())) {
      throw new InvalidDecisionException("驳回报备时必须填写驳回原因 (comment)");
    }
    Reports.Row report = reports.find(reportId).orElseThrow();
    boolean approve = "APPROVE".equals(d);
    if (!reports.decide(
        reportId, approve ? ReportStatus.APPROVED : ReportStatus.REJECTED, d, text)) {
      throw new InvalidDecisionException("报备 " + reportId + " 当前状态为 " + report.status() + "，不能再审核");
    }
    if (approve) {
      reports.event(reportId, "APPROVED", text);
    } else {
      reports.releaseOrders(reportId);
      reports.event(reportId, "REJECTED", text);
      notifications.notify(
          report.merchantId(), reportId, "REPORT_REJECTED", "报备 " + reportId + " 未通过审核：" + text);
    }
  }

  /** The orders of an approved report were exempted. */
  @Transactional
  public void exempted(long reportId, int orders) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    if (reports.eventOnce(reportId, "ORDERS_EXEMPTED", orders + " 个订单已免除延迟发货考核")) {
      notifications.notify(
          report.merchantId(),
          reportId,
          "REPORT_APPROVED",
          "报备 " + reportId + " 已通过审核，" + report.orderCount() + " 个订单不计入及时发货率与揽收异常率。");
    }
  }

  /** Thrown when a review completion breaks the rules. */
  public static class InvalidDecisionException extends RuntimeException {
    InvalidDecisionException(String message) {
      super(message);
    }
  }
}
