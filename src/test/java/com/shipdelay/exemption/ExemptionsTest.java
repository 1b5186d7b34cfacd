package com.shipdelay.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one exempting statement on its own, with reports made in SQL: what it writes, what it counts,
 * and that it writes nothing twice.
 */
@IntegrationTest
class ExemptionsTest {

  @Autowired Exemptions exemptions;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;

  TestData.TestMerchant merchant;
  Instant until;

  @BeforeEach
  void setUp() {
    merchant = data.merchant();
    until = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MICROS);
  }

  private long report(String status, Instant delayUntil, List<String> orders, boolean active) {
    long id =
        jdbc.sql(
                """
                insert into delay_report (merchant_id, type, status, delay_until, reason,
                                          created_at, review_due_at)
                values (?, 'MERCHANT_FACTOR', ?, ?, '豁免测试', now(), now() + interval '48 hours')
                returning id
                """)
            .params(merchant.id(), status, Timestamp.from(delayUntil))
            .query(Long.class)
            .single();
    orders.forEach(
        o ->
            jdbc.sql("insert into report_order (report_id, order_id, active) values (?, ?, ?)")
                .params(id, o, active)
                .update());
    return id;
  }

  private Map<String, Object> row(String order) {
    return jdbc.sql("select * from order_exemption where order_id = ?")
        .param(order)
        .query()
        .singleRow();
  }

  @Test
  void anApprovedReportExemptsItsActiveOrdersUntilItsDelayAndAgainChangesNothing() {
    List<String> orders = data.pendingOrders(merchant, 3, "610113");
    long report = report("APPROVED", until, orders, true);

    assertThat(exemptions.exemptReportOrders(report)).isEqualTo(3);
    Map<String, Object> first = row(orders.get(0));
    assertThat(first.get("report_id")).isEqualTo(report);
    assertThat(((Timestamp) first.get("exempt_until")).toInstant()).isEqualTo(until);

    assertThat(exemptions.exemptReportOrders(report))
        .as("counted again, written once")
        .isEqualTo(3);
    assertThat(row(orders.get(0))).as("untouched by the second run").isEqualTo(first);
    assertThat(data.count("select count(*) from order_exemption where report_id = ?", report))
        .isEqualTo(3);
  }

  @Test
  void aLaterApprovedReportTakesOverTheOrdersItShares() {
    List<String> orders = data.pendingOrders(merchant, 3, "610113");
    long earlier = report("APPROVED", until, orders.subList(0, 2), true);
    assertThat(exemptions.exemptReportOrders(earlier)).isEqualTo(2);
    // one live claim per order: the earlier report lets its orders go before another claims them
    jdbc.sql("update report_order set active = false where report_id = ?").param(earlier).update();
    Instant later = until.plus(Duration.ofDays(2));
    long next = report("APPROVED", later, orders.subList(1, 3), true);

    assertThat(exemptions.exemptReportOrders(next)).isEqualTo(2);

    assertThat(row(orders.get(0)).get("report_id")).isEqualTo(earlier);
    assertThat(row(orders.get(1)).get("report_id")).isEqualTo(next);
    assertThat(((Timestamp) row(orders.get(1)).get("exempt_until")).toInstant()).isEqualTo(later);
    assertThat(row(orders.get(2)).get("report_id")).isEqualTo(next);
  }

  @Test
  void anOrderAlreadyExemptLateInTheReportUndoesTheFirstRowsAndWritesEachOnce() {
    List<String> orders = data.pendingOrders(merchant, 3, "610113").stream().sorted().toList();
    // the plain insert meets the conflict on its last row, after writing the first two
    long earlier = report("APPROVED", until, orders.subList(2, 3), true);
    assertThat(exemptions.exemptReportOrders(earlier)).isEqualTo(1);
    jdbc.sql("update report_order set active = false where report_id = ?").param(earlier).update();
    long next = report("APPROVED", until, orders, true);

    assertThat(exemptions.exemptReportOrders(next)).isEqualTo(3);

    assertThat(
            data.count(
                "select count(*) from order_exemption where order_id = any(?) and report_id = ?",
                orders.toArray(String[]::new),
                next))
        .isEqualTo(3);
  }

  @Test
  void aReportNotApprovedOrAReleasedOrderExemptsNothing() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    long inReview = report("IN_REVIEW", until, orders.subList(0, 1), true);
    long released = report("APPROVED", until, orders.subList(1, 2), false);

    assertThat(exemptions.exemptReportOrders(inReview)).isZero();
    assertThat(exemptions.exemptReportOrders(released)).isZero();
    assertThat(
            data.count(
                "select count(*) from order_exemption where order_id = any(?)",
                (Object) orders.toArray(String[]::new)))
        .isZero();
  }
}
