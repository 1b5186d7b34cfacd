package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.order.OrderFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order rules, without an engine or a database. */
class ReportRulesTest {

  static final Instant PROMISED = Instant.parse("2026-03-03T02:00:00Z");
  static final TypePolicy SEVEN_DAYS = new TypePolicy(false, Set.of("PRICING_PROOF"), 7);

  static OrderFacts order(String id, String status) {
    return new OrderFacts(id, status, PROMISED, "陕西省西安市雁塔区", "610113", "3301");
  }

  @Test
  void includesOwnPendingOrdersWithinTheMaximumDelay() {
    var result =
        ReportRules.evaluate(
            List.of("1"),
            Map.of("1", order("1", "PENDING_SHIPMENT")),
            PROMISED.plus(Duration.ofDays(7)),
            SEVEN_DAYS);

    assertThat(result.eligible()).containsExactly("1");
    assertThat(result.excluded()).isEmpty();
  }

  @Test
  void leavesOutEachOrderWithItsReason() {
    var facts =
        Map.of(
            "shipped", order("shipped", "SHIPPED"),
            "cancelled", order("cancelled", "CANCELLED"));

    var result =
        ReportRules.evaluate(
            List.of("shipped", "cancelled", "missing"),
            facts,
            PROMISED.plus(Duration.ofDays(1)),
            SEVEN_DAYS);

    assertThat(result.eligible()).isEmpty();
    assertThat(result.excluded())
        .extracting(ExcludedOrder::reason)
        .containsExactly(
            ExclusionReason.NOT_PENDING_SHIPMENT,
            ExclusionReason.NOT_PENDING_SHIPMENT,
            ExclusionReason.NOT_FOUND);
  }

  @Test
  void delayUntilMustBeAfterThePromiseAndWithinTheTypesMaximum() {
    var facts = Map.of("1", order("1", "PENDING_SHIPMENT"));

    var atPromise = ReportRules.evaluate(List.of("1"), facts, PROMISED, SEVEN_DAYS);
    var tooLong =
        ReportRules.evaluate(
            List.of("1"), facts, PROMISED.plus(Duration.ofDays(7)).plusSeconds(1), SEVEN_DAYS);
    var longerType =
        ReportRules.evaluate(
            List.of("1"),
            facts,
            PROMISED.plus(Duration.ofDays(30)),
            new TypePolicy(false, Set.of("BUYER_AGREEMENT"), 30));

    assertThat(atPromise.excluded())
        .extracting(ExcludedOrder::reason)
        .containsExactly(ExclusionReason.DELAY_BEFORE_PROMISE);
    assertThat(tooLong.excluded())
        .extracting(ExcludedOrder::reason)
        .containsExactly(ExclusionReason.DELAY_TOO_LONG);
    assertThat(tooLong.excluded().get(0).detail()).contains("7 天");
    assertThat(longerType.eligible()).containsExactly("1");
  }
}
