package com.shipdelay.report;

import com.shipdelay.notification.Notifications;
import com.shipdelay.web.TextLimits;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review: what a reviewer may decide ({@link #check}) and what each decision does to the
 * report. What the reviewer sees is {@link ReviewForm}.
 */
@Service
public class ReviewDecisions {

  private final Reports reports;
  private final Notifications notifications;
  private final ReportSettings settings;
  private final ApplicationEventPublisher events;

  ReviewDecisions(
      Reports reports,
      Notifications notifications,
      ReportSettings settings,
      ApplicationEventPublisher events) {
    this.reports = reports;
    this.notifications = notifications;
    this.settings = settings;
    this.events = events;
  }

  /** A decision that passed the rules, with its trimmed comment (null when none was given). */
  record Verdict(ReviewDecision decision, String comment) {}

  /**
   * The decision rules, before anything is read or written: a known decision; a comment for a
   * rejection or an evidence request; no comment longer than the limit.
   *
   * @param decision and {@code comment}: the completed task's variables, of whatever type they came
   * @throws InvalidDecisionException when a rule is broken
   */
  static Verdict check(Object decision, Object comment) {
    ReviewDecision d =
        ReviewDecision.parse(decision)
            .orElseThrow(
                () ->
                    new InvalidDecisionException(
                        "decision 必须是 APPROVE、REJECT 或 REQUEST_EVIDENCE，收到：" + decision));
    String text = comment instanceof String s ? s.trim() : null;
    if (d.needsComment() && (text == null || text.isEmpty())) {
      throw new InvalidDecisionException(
          d == ReviewDecision.REJECT ? "驳回报备时必须填写驳回原因 (comment)" : "要求补充凭证时必须说明需要补充什么 (comment)");
    }
    if (text != null && text.codePointCount(0, text.length()) > TextLimits.DECISION_COMMENT) {
      throw new InvalidDecisionException(
          "审核意见 (comment) 最多 " + TextLimits.DECISION_COMMENT + " 个字符");
    }
    return new Verdict(d, text);
  }

  /**
   * Records a reviewer's decision.
   *
   * @throws InvalidDecisionException when the decision or the comment breaks the rules; the task
   *     stays open
   * @throws AlreadyDecidedException when the report is no longer under review
   */
  @Transactional
  public void decide(long reportId, Object decision, Object comment, String reviewer) {
    Verdict verdict = check(decision, comment);
    Reports.Row report = reports.lock(reportId).orElseThrow();
    if (!ReportStatus.UNDER_REVIEW.contains(report.status())) {
      // the row lock above waited for a concurrent completion of the same task, which decided it
      throw new AlreadyDecidedException("报备 " + reportId + " 当前状态为 " + report.status() + "，不能再审核");
    }
    events.publishEvent(
        new ReportEvents.Decided(
            reportId,
            report.merchantId(),
            report.type(),
            verdict.decision().name(),
            reviewer,
            Duration.between(report.createdAt(), Instant.now())));
    String text = verdict.comment();
    NotificationTexts.Notice notice;
    switch (verdict.decision()) {
      case APPROVE -> {
        reports.decide(reportId, ReviewDecision.APPROVE, text);
        reports.event(reportId, TimelineEvent.APPROVED, text);
        return; // the merchant hears of it once the orders are exempted
      }
      case REJECT -> {
        reports.decide(reportId, ReviewDecision.REJECT, text);
        reports.releaseOrders(reportId);
        reports.event(reportId, TimelineEvent.REJECTED, text);
        notice = NotificationTexts.rejected(reportId, text);
      }
      case REQUEST_EVIDENCE -> {
        Instant due = Instant.now().plus(settings.evidenceWait());
        reports.requestEvidence(reportId, text, due);
        reports.event(reportId, TimelineEvent.EVIDENCE_REQUESTED, text);
        notice = NotificationTexts.evidenceRequested(reportId, text + "。", due);
      }
      default -> throw new IllegalStateException(verdict.decision().name());
    }
    notifications.notify(report.merchantId(), reportId, notice.type(), notice.message());
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
