package com.shipdelay.review;

import com.shipdelay.report.ReportLifecycle;
import com.shipdelay.report.ReviewDecision;
import com.shipdelay.web.TextLimits;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review: what a reviewer may decide ({@link #check}), before the report records the decision
 * and what it does ({@link ReportLifecycle#decide}). What the reviewer sees is {@link ReviewForm}.
 */
@Service
public class ReviewDecisions {

  private final ReportLifecycle lifecycle;

  ReviewDecisions(ReportLifecycle lifecycle) {
    this.lifecycle = lifecycle;
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
    lifecycle
        .decide(reportId, verdict.decision(), verdict.comment(), reviewer)
        .ifPresent(
            status -> {
              throw new AlreadyDecidedException("报备 " + reportId + " 当前状态为 " + status + "，不能再审核");
            });
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
