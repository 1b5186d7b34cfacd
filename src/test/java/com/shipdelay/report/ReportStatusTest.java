package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The review's transition table, walked pair by pair. */
class ReportStatusTest {

  /** The table as the review's paths need it, written out independently of the enum. */
  static boolean allowed(ReportStatus from, ReportStatus to) {
    return switch (from) {
      case SUBMITTED ->
          Set.of(
                  ReportStatus.INVALID,
                  ReportStatus.AWAITING_EVIDENCE,
                  ReportStatus.IN_REVIEW,
                  ReportStatus.WITHDRAWN)
              .contains(to);
      case AWAITING_EVIDENCE ->
          Set.of(ReportStatus.IN_REVIEW, ReportStatus.EXPIRED, ReportStatus.WITHDRAWN).contains(to);
      case IN_REVIEW ->
          Set.of(
                  ReportStatus.AWAITING_EVIDENCE,
                  ReportStatus.ESCALATED,
                  ReportStatus.APPROVED,
                  ReportStatus.REJECTED,
                  ReportStatus.WITHDRAWN)
              .contains(to);
      case ESCALATED ->
          Set.of(
                  ReportStatus.AWAITING_EVIDENCE,
                  ReportStatus.APPROVED,
                  ReportStatus.REJECTED,
                  ReportStatus.WITHDRAWN)
              .contains(to);
      default -> false;
    };
  }

  @Test
  void everyAllowedTransitionIsAcceptedAndEveryOtherPairRefused() {
    int allowed = 0;
    for (ReportStatus from : ReportStatus.values()) {
      for (ReportStatus to : ReportStatus.values()) {
        assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed(from, to));
        assertThat(ReportStatus.sourcesOf(to).contains(from))
            .as("sourcesOf(" + to + ") contains " + from)
            .isEqualTo(allowed(from, to));
        allowed += allowed(from, to) ? 1 : 0;
      }
    }
    assertThat(allowed).isEqualTo(16);
  }

  @Test
  void terminalStatusesHaveNoSuccessorsAndAreExactlyTheNonPendingOnes() {
    for (ReportStatus status : ReportStatus.values()) {
      assertThat(status.terminal()).as(status.name()).isEqualTo(!status.pending());
      if (status.terminal()) {
        assertThat(status.successors()).as(status.name()).isEmpty();
      }
    }
    assertThat(EnumSet.allOf(ReportStatus.class).stream().filter(ReportStatus::terminal))
        .containsExactlyInAnyOrder(
            ReportStatus.APPROVED,
            ReportStatus.REJECTED,
            ReportStatus.WITHDRAWN,
            ReportStatus.EXPIRED,
            ReportStatus.INVALID);
  }

  @Test
  void noStatusFollowsItselfAndNothingLeadsBackToSubmitted() {
    for (ReportStatus status : ReportStatus.values()) {
      assertThat(status.canMoveTo(status)).as(status.name()).isFalse();
    }
    assertThat(ReportStatus.sourcesOf(ReportStatus.SUBMITTED)).isEmpty();
  }

  @Test
  void everyDecisionLeadsFromEveryReviewStatusToItsOutcome() {
    for (ReviewDecision decision : ReviewDecision.values()) {
      for (ReportStatus reviewing : ReportStatus.UNDER_REVIEW) {
        assertThat(reviewing.canMoveTo(decision.outcome()))
            .as(reviewing + " -> " + decision)
            .isTrue();
      }
    }
  }

  @Test
  void everyStatusHasAChineseLabel() {
    assertThat(ReportStatus.AWAITING_EVIDENCE.label()).isEqualTo("待补充凭证");
    for (ReportStatus status : ReportStatus.values()) {
      assertThat(status.label()).as(status.name()).isNotBlank().isNotEqualTo(status.name());
    }
  }
}
