package com.shipdelay.report;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A report's status, as {@code API.md} lists it, and the review's state machine: {@link
 * #successors()} is the one table of which status may follow which. Every status write in {@link
 * Reports} guards its UPDATE with {@link #sourcesOf}, so a write that breaks the table changes
 * nothing.
 */
public enum ReportStatus {
  SUBMITTED("已提交"),
  AWAITING_EVIDENCE("待补充凭证"),
  IN_REVIEW("审核中"),
  ESCALATED("已升级"),
  APPROVED("已通过"),
  REJECTED("已驳回"),
  WITHDRAWN("已撤回"),
  EXPIRED("已过期"),
  INVALID("无效");

  /** Statuses in which a report still holds its orders and may be approved. */
  public static final Set<ReportStatus> PENDING =
      Set.of(SUBMITTED, AWAITING_EVIDENCE, IN_REVIEW, ESCALATED);

  /** Statuses with an open review task: a reviewer's decision applies only to these. */
  public static final Set<ReportStatus> UNDER_REVIEW = Set.of(IN_REVIEW, ESCALATED);

  /**
   * The transition table. Validation may find no order left (INVALID) or evidence missing; a review
   * task starts once the evidence is complete; a review may ask for more evidence, run late
   * (ESCALATED) or decide; a wait for evidence may run out; the merchant may withdraw anything
   * pending. A decided, withdrawn, expired or invalid report never changes again.
   */
  private static final Map<ReportStatus, Set<ReportStatus>> SUCCESSORS =
      Map.of(
          SUBMITTED, EnumSet.of(INVALID, AWAITING_EVIDENCE, IN_REVIEW, WITHDRAWN),
          AWAITING_EVIDENCE, EnumSet.of(IN_REVIEW, EXPIRED, WITHDRAWN),
          IN_REVIEW, EnumSet.of(AWAITING_EVIDENCE, ESCALATED, APPROVED, REJECTED, WITHDRAWN),
          ESCALATED, EnumSet.of(AWAITING_EVIDENCE, APPROVED, REJECTED, WITHDRAWN));

  private final String label;

  ReportStatus(String label) {
    this.label = label;
  }

  /** The Chinese name merchants and reviewers see. */
  public String label() {
    return label;
  }

  public boolean pending() {
    return PENDING.contains(this);
  }

  /** The statuses this one may move to; none for a terminal status. */
  public Set<ReportStatus> successors() {
    Set<ReportStatus> next = SUCCESSORS.get(this);
    return next == null ? Set.of() : Set.copyOf(next);
  }

  public boolean canMoveTo(ReportStatus target) {
    return successors().contains(target);
  }

  public boolean terminal() {
    return successors().isEmpty();
  }

  /** The statuses from which a report may move to {@code target}: an UPDATE's guard. */
  public static Set<ReportStatus> sourcesOf(ReportStatus target) {
    EnumSet<ReportStatus> sources = EnumSet.noneOf(ReportStatus.class);
    Arrays.stream(values()).filter(s -> s.canMoveTo(target)).forEach(sources::add);
    return sources;
  }
}
