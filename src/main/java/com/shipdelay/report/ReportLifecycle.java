package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.evidence.EvidenceKind;
import com.shipdelay.notification.Notifications;
import com.shipdelay.web.TextLimits;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report's state changes that the process drives. Each is idempotent: a retried job or a second
 * cluster node repeats nothing visible.
 */
@Service
public class ReportLifecycle {

  public static final Set<String> DECISIONS = Set.of("APPROVE", "REJECT", "REQUEST_EVIDENCE");

  /** Reviewers work in China Standard Time. */
  private static final DateTimeFormatter DISPLAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(北京时间)'").withZone(ZoneId.of("Asia/Shanghai"));

  private final Reports reports;
  private final Notifications notifications;
  private final EvidenceFiles evidence;
  private final TypePolicies policies;
  private final ReportSettings settings;
  private final ApplicationEventPublisher events;

  ReportLifecycle(
      Reports reports,
      Notifications notifications,
      EvidenceFiles evidence,
      TypePolicies policies,
      ReportSettings settings,
      ApplicationEventPublisher events) {
    this.reports = reports;
    this.notifications = notifications;
    this.evidence = evidence;
    this.policies = policies;
    this.settings = settings;
    this.events = events;
  }

  /**
   * Re-checks the report's orders at run time: an order may have shipped or been cancelled since
   * submission. Such orders are released; with none left the report is INVALID.
   *
   * @return whether the report still has orders to review
   */
  @Transactional
  public boolean validate(long reportId) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
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
   * Checks the evidence: every kind the type requires is there, a reviewer's request has been
   * answered, and every stored file still matches its checksum. If not, the report waits for
   * evidence and the merchant is told what is missing.
   *
   * @return whether the report can go to review
   */
  @Transactional
  public boolean checkEvidence(long reportId) {
    // The store is asked before the row lock: a stat per file is quick, but a slow store must not
    // hold up the merchant's uploads and withdrawals, which wait for that lock. Only when a file
    // looks damaged (rare) is it asked again under the lock, in case a replacement came in between.
    List<String> damaged = evidence.damaged(reportId);
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (!report.status().pending()) {
      return false;
    }
    if (!damaged.isEmpty()) {
      damaged = evidence.damaged(reportId);
    }
    List<String> missing = missingEvidenceKinds(report);
    boolean requestOpen = requestOpen(report);
    if (missing.isEmpty() && !requestOpen && damaged.isEmpty()) {
      reports.event(
          reportId, "EVIDENCE_COLLECTED", "凭证齐全：" + String.join("、", evidence.kinds(reportId)));
      return true;
    }
    StringBuilder what = new StringBuilder();
    if (!missing.isEmpty()) {
      what.append("缺少凭证，须上传以下任一类型：").append(labels(missing)).append("。");
    }
    if (requestOpen) {
      what.append("审核员要求补充凭证：").append(report.evidenceRequestNote()).append("。");
    }
    if (!damaged.isEmpty()) {
      what.append("以下文件已损坏，请重新上传：").append(String.join("、", damaged)).append("。");
    }
    Instant due = Instant.now().plus(settings.evidenceWait());
    // A new wait begins unless a reviewer's request (which told the merchant itself) set one.
    // After a supplement that did not settle it the status is still AWAITING_EVIDENCE, but the
    // wait was reset, so the merchant must hear what is still wrong.
    boolean newWait = report.evidenceDueAt() == null;
    reports.awaitEvidence(reportId, due);
    reports.transition(
        reportId,
        List.of(ReportStatus.SUBMITTED, ReportStatus.IN_REVIEW, ReportStatus.ESCALATED),
        ReportStatus.AWAITING_EVIDENCE);
    if (newWait) {
      reports.event(reportId, "EVIDENCE_REQUESTED", what.toString());
      notifications.notify(
          report.merchantId(),
          reportId,
          "EVIDENCE_REQUESTED",
          "报备 "
              + reportId
              + " 需要补充凭证："
              + what
              + "请在 "
              + DISPLAY_TIME.format(due)
              + " 前补充，否则报备将失效。");
    }
    return false;
  }

  /** The evidence kinds still missing: any one of them would satisfy the type's rule. */
  List<String> missingEvidenceKinds(Reports.Row report) {
    Set<String> accepted = policies.of(report).acceptedEvidenceKinds();
    if (accepted.isEmpty()) {
      return List.of();
    }
    Set<String> have = evidence.kinds(report.id());
    return accepted.stream().anyMatch(have::contains) ? List.of() : List.copyOf(accepted);
  }

  private boolean requestOpen(Reports.Row report) {
    return report.evidenceRequestedAt() != null
        && !evidence.uploadedSince(report.id(), report.evidenceRequestedAt());
  }

  /** When the report's review is due: 48 hours after submission or the last supplement. */
  @Transactional(readOnly = true)
  public Instant reviewDueAt(long reportId) {
    return reports.find(reportId).orElseThrow().reviewDueAt();
  }

  /** When a report waiting for evidence expires. */
  @Transactional(readOnly = true)
  public Instant evidenceDueAt(long reportId) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    return report.evidenceDueAt() != null
        ? report.evidenceDueAt()
        : Instant.now().plus(settings.evidenceWait());
  }

  /** Evidence arrived (REST, same transaction as the upload). Answers whether the report waited. */
  @Transactional
  boolean evidenceSupplied(long reportId, int files) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    reports.event(reportId, "EVIDENCE_SUPPLIED", "商家补充了 " + files + " 个凭证文件");
    if (report.status() != ReportStatus.AWAITING_EVIDENCE) {
      return false;
    }
    reports.evidenceSupplied(reportId, Instant.now().plus(settings.reviewTime()));
    return true;
  }

  /** The wait for evidence ran out. */
  @Transactional
  public void expire(long reportId) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (reports.transition(
        reportId, List.of(ReportStatus.AWAITING_EVIDENCE), ReportStatus.EXPIRED)) {
      reports.releaseOrders(reportId);
      reports.event(reportId, "EXPIRED", "未在期限内补充凭证，报备已失效");
      notifications.notify(
          report.merchantId(),
          reportId,
          "REPORT_EXPIRED",
          "报备 " + reportId + " 因未在期限内补充凭证已失效，订单恢复正常考核。");
    }
  }

  /** A reviewer's task was created: the report is in review. */
  @Transactional
  public void reviewStarted(long reportId) {
    if (reports.transition(
        reportId,
        List.of(ReportStatus.SUBMITTED, ReportStatus.AWAITING_EVIDENCE),
        ReportStatus.IN_REVIEW)) {
      reports.event(reportId, "IN_REVIEW", "报备进入人工审核");
    }
  }

  /** 48 hours passed without a decision: the review leads take it. */
  @Transactional
  public void escalated(long reportId) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (reports.transition(reportId, List.of(ReportStatus.IN_REVIEW), ReportStatus.ESCALATED)) {
      reports.event(reportId, "ESCALATED", "超过审核时限未处理，已升级至审核组长");
      events.publishEvent(new ReportEvents.Escalated(reportId, report.merchantId()));
      notifications.notify(
          report.merchantId(),
          reportId,
          "REVIEW_DELAYED",
          "报备 " + reportId + " 的审核时间比通常更长，已转交审核组长优先处理，请耐心等待。");
    }
  }

  private static String labels(List<String> kinds) {
    Map<String, String> byName =
        java.util.Arrays.stream(EvidenceKind.values())
            .collect(Collectors.toMap(Enum::name, EvidenceKind::label));
    return kinds.stream()
        .map(k -> byName.getOrDefault(k, k) + " (" + k + ")")
        .collect(Collectors.joining("、"));
  }

  /**
   * Records a reviewer's decision.
   *
   * @throws InvalidDecisionException when the decision or the comment breaks the rules; the task
   *     stays open
   */
  @Transactional
  public void decide(long reportId, Object decision, Object comment, String reviewer) {
    if (!(decision instanceof String d) || !DECISIONS.contains(d)) {
      throw new InvalidDecisionException(
          "decision 必须是 APPROVE、REJECT 或 REQUEST_EVIDENCE，收到：" + decision);
    }
    String text = comment instanceof String s ? s.trim() : null;
    if (!"APPROVE".equals(d) && (text == null || text.isEmpty())) {
      throw new InvalidDecisionException(
          "REJECT".equals(d) ? "驳回报备时必须填写驳回原因 (comment)" : "要求补充凭证时必须说明需要补充什么 (comment)");
    }
    if (text != null && text.codePointCount(0, text.length()) > TextLimits.DECISION_COMMENT) {
      throw new InvalidDecisionException(
          "审核意见 (comment) 最多 " + TextLimits.DECISION_COMMENT + " 个字符");
    }
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (report.status() != ReportStatus.IN_REVIEW && report.status() != ReportStatus.ESCALATED) {
      // the row lock above waited for a concurrent completion of the same task, which decided it
      throw new AlreadyDecidedException("报备 " + reportId + " 当前状态为 " + report.status() + "，不能再审核");
    }
    events.publishEvent(
        new ReportEvents.Decided(
            reportId,
            report.merchantId(),
            report.type(),
            d,
            reviewer,
            java.time.Duration.between(report.createdAt(), Instant.now())));
    switch (d) {
      case "APPROVE" -> {
        reports.decide(reportId, ReportStatus.APPROVED, d, text);
        reports.event(reportId, "APPROVED", text);
      }
      case "REJECT" -> {
        reports.decide(reportId, ReportStatus.REJECTED, d, text);
        reports.releaseOrders(reportId);
        reports.event(reportId, "REJECTED", text);
        notifications.notify(
            report.merchantId(), reportId, "REPORT_REJECTED", "报备 " + reportId + " 未通过审核：" + text);
      }
      default -> {
        Instant due = Instant.now().plus(settings.evidenceWait());
        reports.requestEvidence(reportId, text, due);
        reports.event(reportId, "EVIDENCE_REQUESTED", text);
        notifications.notify(
            report.merchantId(),
            reportId,
            "EVIDENCE_REQUESTED",
            "报备 "
                + reportId
                + " 需要补充凭证："
                + text
                + "。请在 "
                + DISPLAY_TIME.format(due)
                + " 前补充，否则报备将失效。");
      }
    }
  }

  /** The orders of an approved report were exempted. */
  @Transactional
  public void exempted(long reportId, int orders) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    if (reports.eventOnce(reportId, "ORDERS_EXEMPTED", orders + " 个订单已免除延迟发货考核")) {
      events.publishEvent(new ReportEvents.Exempted(reportId, report.merchantId(), orders));
      notifications.notify(
          report.merchantId(),
          reportId,
          "REPORT_APPROVED",
          "报备 " + reportId + " 已通过审核，" + orders + " 个订单在延迟发货时间前不计入及时发货率与揽收异常率。");
    }
  }

  /** Thrown when a review completion breaks the rules. */
  public static class InvalidDecisionException extends RuntimeException {
    InvalidDecisionException(String message) {
      super(message);
    }
  }

  /** Thrown when the report is no longer under review: someone else decided it meanwhile. */
  public static class AlreadyDecidedException extends InvalidDecisionException {
    AlreadyDecidedException(String message) {
      super(message);
    }
  }
}
