package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL guards of every status write keep the transition table: a write the table does not allow
 * changes nothing, whichever status the report is in. The report has no process instance: only the
 * table's rows are under test.
 */
@IntegrationTest
class ReportTransitionGuardTest {

  @Autowired Reports reports;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;

  long report() {
    Instant now = Instant.now();
    return reports.insert(
        null,
        data.merchant().id(),
        ReportType.MERCHANT_FACTOR,
        now.plus(Duration.ofDays(2)),
        "状态表测试",
        null,
        List.of(),
        new TypePolicy(false, Set.of(), 7),
        now,
        now.plus(Duration.ofHours(48)));
  }

  void force(long id, ReportStatus status) {
    jdbc.sql("update delay_report set status = ? where id = ?").params(status.name(), id).update();
  }

  ReportStatus status(long id) {
    return reports.find(id).orElseThrow().status();
  }

  @Test
  void transitionMovesOnlyAlongTheTable() {
    long id = report();
    for (ReportStatus from : ReportStatus.values()) {
      for (ReportStatus to : ReportStatus.values()) {
        force(id, from);
        boolean moved = reports.transition(id, to);
        assertThat(moved).as(from + " -> " + to).isEqualTo(from.canMoveTo(to));
        assertThat(status(id)).as(from + " -> " + to).isEqualTo(moved ? to : from);
      }
    }
  }

  @Test
  void decisionsAndEvidenceRequestsApplyOnlyToReportsUnderReview() {
    long id = report();
    for (ReportStatus from : ReportStatus.values()) {
      for (ReviewDecision decision : ReviewDecision.values()) {
        force(id, from);
        boolean moved =
            decision == ReviewDecision.REQUEST_EVIDENCE
                ? reports.requestEvidence(id, "请补充", Instant.now().plus(Duration.ofDays(3)))
                : reports.decide(id, decision, "意见");
        boolean expected = from == ReportStatus.IN_REVIEW || from == ReportStatus.ESCALATED;
        assertThat(moved).as(from + " " + decision).isEqualTo(expected);
        assertThat(status(id))
            .as(from + " " + decision)
            .isEqualTo(moved ? decision.outcome() : from);
      }
    }
  }

  @Test
  void aDecidedReportCannotBeWithdrawnOrDecidedAgain() {
    long id = report();
    force(id, ReportStatus.IN_REVIEW);
    assertThat(reports.decide(id, ReviewDecision.APPROVE, null)).isTrue();

    assertThat(reports.transition(id, ReportStatus.WITHDRAWN)).isFalse();
    assertThat(reports.decide(id, ReviewDecision.REJECT, "晚到的驳回")).isFalse();
    Reports.Row row = reports.find(id).orElseThrow();
    assertThat(row.status()).isEqualTo(ReportStatus.APPROVED);
    assertThat(row.decision()).isEqualTo("APPROVE");
  }
}
