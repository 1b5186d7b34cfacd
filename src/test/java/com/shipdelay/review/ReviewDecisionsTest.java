package com.shipdelay.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipdelay.report.ReviewDecision;
import com.shipdelay.web.TextLimits;
import org.junit.jupiter.api.Test;

/** The review's decision rules, without an engine or a database. */
class ReviewDecisionsTest {

  @Test
  void anApprovalNeedsNoCommentAndKeepsATrimmedOne() {
    assertThat(ReviewDecisions.check("APPROVE", null))
        .isEqualTo(new ReviewDecisions.Verdict(ReviewDecision.APPROVE, null));
    assertThat(ReviewDecisions.check("APPROVE", "  好 "))
        .isEqualTo(new ReviewDecisions.Verdict(ReviewDecision.APPROVE, "好"));
  }

  @Test
  void anUnknownOrUntypedDecisionIsRefused() {
    for (Object decision : new Object[] {null, "approve", "WITHDRAW", 1}) {
      assertThatThrownBy(() -> ReviewDecisions.check(decision, "x"))
          .as(String.valueOf(decision))
          .isInstanceOf(ReviewDecisions.InvalidDecisionException.class)
          .hasMessageContaining("decision 必须是 APPROVE、REJECT 或 REQUEST_EVIDENCE");
    }
  }

  @Test
  void aRejectionAndAnEvidenceRequestMustSayWhy() {
    assertThatThrownBy(() -> ReviewDecisions.check("REJECT", "  "))
        .isInstanceOf(ReviewDecisions.InvalidDecisionException.class)
        .hasMessage("驳回报备时必须填写驳回原因 (comment)");
    assertThatThrownBy(() -> ReviewDecisions.check("REQUEST_EVIDENCE", null))
        .isInstanceOf(ReviewDecisions.InvalidDecisionException.class)
        .hasMessage("要求补充凭证时必须说明需要补充什么 (comment)");
    assertThat(ReviewDecisions.check("REJECT", "凭证不符").decision()).isEqualTo(ReviewDecision.REJECT);
  }

  @Test
  void aCommentMayBeAsLongAsTheLimitInCharactersNotBytes() {
    String longest = "审".repeat(TextLimits.DECISION_COMMENT);
    assertThat(ReviewDecisions.check("REJECT", longest).comment()).isEqualTo(longest);
    assertThatThrownBy(() -> ReviewDecisions.check("REJECT", longest + "审"))
        .isInstanceOf(ReviewDecisions.InvalidDecisionException.class)
        .hasMessageContaining("最多 " + TextLimits.DECISION_COMMENT + " 个字符");
  }
}
