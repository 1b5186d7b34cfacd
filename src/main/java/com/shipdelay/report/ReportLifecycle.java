package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.notification.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The report's state changes that the process drives. Each is idempotent: a retried job or a second
 * cluster node repeats nothing visible.
 */
@Service
public class ReportLifecycle {

  private final Reports reports;
  private final Notifications notifications;
  private final EvidenceFiles evidence;
  private final FiledTypeRules policies;
  private final ReportSettings settings;
  private final ApplicationEventPublisher events;

  ReportLifecycle(
      Reports reports,
      Notifications notifications,
      EvidenceFiles evidence,
      FiledTypeRules policies,
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
    int left = report.orderCount() - dropped; // a submitted report's orders are all still claimed
    if (left == 0) {
      reports.transition(reportId, ReportStatus.INVALID);
      reports.releaseOrders(reportId);
      reports.event(reportId, TimelineEvent.VALIDATED, "校验未通过：报备中已没有待发货订单");
      tell(report, NotificationTexts.invalid(reportId));
      return false;
    }
    reports.event(
        reportId,
        TimelineEvent.VALIDATED,
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
    Set<String> have = evidence.kinds(reportId);
    List<String> missing = missingEvidenceKinds(report, have);
    boolean requestOpen = requestOpen(report);
    if (missing.isEmpty() && !requestOpen && damaged.isEmpty()) {
      reports.event(reportId, TimelineEvent.EVIDENCE_COLLECTED, "凭证齐全：" + String.join("、", have));
      return true;
    }
    StringBuilder what = new StringBuilder();
    if (!missing.isEmpty()) {
      what.append("缺少凭证，须上传以下任一类型：").append(Labels.kinds(missing)).append("。");
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
    reports.transition(reportId, ReportStatus.AWAITING_EVIDENCE);
    if (newWait) {
      reports.event(reportId, TimelineEvent.EVIDENCE_REQUESTED, what.toString());
      tell(report, NotificationTexts.evidenceRequested(reportId, what.toString(), due));
    }
    return false;
  }

  /** The evidence kinds still missing: any one of them would satisfy the type's rule. */
  List<String> missingEvidenceKinds(Reports.Row report) {
    return missingEvidenceKinds(report, evidence.kinds(report.id()));
  }

  /** As {@link #missingEvidenceKinds(Reports.Row)}, given the kinds the report's evidence has. */
  List<String> missingEvidenceKinds(Reports.Row report, Set<String> have) {
    Set<String> accepted = policies.of(report).acceptedEvidenceKinds();
    if (accepted.isEmpty()) {
      return List.of();
    }
    return accepted.stream().anyMatch(have::contains) ? List.of() : List.copyOf(accepted);
  }

  private boolean requestOpen(Reports.Row report) {
    return report.evidenceRequestedAt() != null
        && !evidence.uploadedSince(report.id(), report.evidenceRequestedAt());
  }

  /** When the report's review is due: 48 hours after submission or the last supplement. */
  @Transactional(readOnly = true)
  public Instant reviewDueAt(long reportId) {
    return reports.reviewDueAt(reportId).orElseThrow();
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
    reports.event(reportId, TimelineEvent.EVIDENCE_SUPPLIED, "商家补充了 " + files + " 个凭证文件");
    if (report.status() != ReportStatus.AWAITING_EVIDENCE) {
      return false;
    }
    reports.evidenceSupplied(reportId, Instant.now().plus(settings.reviewTime()));
    return true;
  }

  /**
   * Records a reviewer's decision, which the review's rules have passed, and what it does to the
   * report: an approval waits for the exemption to tell the merchant; a rejection frees the orders;
   * an evidence request starts the wait for evidence.
   *
   * @param comment the trimmed comment, null when none was given
   * @return empty when recorded; else the status that keeps the report from being decided (the row
   *     lock waited for a concurrent completion of the same task, which decided it), and nothing is
   *     written
   */
  @Transactional
  public Optional<ReportStatus> decide(
      long reportId, ReviewDecision decision, String comment, String reviewer) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (!ReportStatus.UNDER_REVIEW.contains(report.status())) {
      return Optional.of(report.status());
    }
    events.publishEvent(
        new ReportEvents.Decided(
            reportId,
            report.merchantId(),
            report.type(),
            decision.name(),
            reviewer,
            Duration.between(report.createdAt(), Instant.now())));
    switch (decision) {
      case APPROVE -> {
        reports.decide(reportId, ReviewDecision.APPROVE, comment);
        reports.event(reportId, TimelineEvent.APPROVED, comment);
        // the merchant hears of it once the orders are exempted
      }
      case REJECT -> {
        reports.decide(reportId, ReviewDecision.REJECT, comment);
        reports.releaseOrders(reportId);
        reports.event(reportId, TimelineEvent.REJECTED, comment);
        tell(report, NotificationTexts.rejected(reportId, comment));
      }
      case REQUEST_EVIDENCE -> {
        Instant due = Instant.now().plus(settings.evidenceWait());
        reports.requestEvidence(reportId, comment, due);
        reports.event(reportId, TimelineEvent.EVIDENCE_REQUESTED, comment);
        tell(report, NotificationTexts.evidenceRequested(reportId, comment + "。", due));
      }
    }
    return Optional.empty();
  }

  /** The wait for evidence ran out. */
  @Transactional
  public void expire(long reportId) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (reports.transition(reportId, ReportStatus.EXPIRED)) {
      reports.releaseOrders(reportId);
      reports.event(reportId, TimelineEvent.EXPIRED, "未在期限内补充凭证，报备已失效");
      tell(report, NotificationTexts.expired(reportId));
    }
  }

  /** A reviewer's task was created: the report is in review. */
  @Transactional
  public void reviewStarted(long reportId) {
    if (reports.transition(reportId, ReportStatus.IN_REVIEW)) {
      reports.event(reportId, TimelineEvent.IN_REVIEW, "报备进入人工审核");
    }
  }

  /** 48 hours passed without a decision: the review leads take it. */
  @Transactional
  public void escalated(long reportId) {
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (reports.transition(reportId, ReportStatus.ESCALATED)) {
      reports.event(reportId, TimelineEvent.ESCALATED, "超过审核时限未处理，已升级至审核组长");
      events.publishEvent(new ReportEvents.Escalated(reportId, report.merchantId()));
      tell(report, NotificationTexts.reviewDelayed(reportId));
    }
  }

  /** The orders of an approved report were exempted. */
  @Transactional
  public void exempted(long reportId, int orders) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    if (reports.eventOnce(reportId, TimelineEvent.ORDERS_EXEMPTED, orders + " 个订单已免除延迟发货考核")) {
      events.publishEvent(new ReportEvents.Exempted(reportId, report.merchantId(), orders));
      tell(report, NotificationTexts.approved(reportId, orders));
    }
  }

  private void tell(Reports.Row report, NotificationTexts.Notice notice) {
    notifications.notify(report.merchantId(), report.id(), notice.type(), notice.message());
  }
}
