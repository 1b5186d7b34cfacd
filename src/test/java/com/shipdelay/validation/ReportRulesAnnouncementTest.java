package com.shipdelay.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.order.OrderFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An order an announcement already exempts is left out of a report, naming the announcement. */
class ReportRulesAnnouncementTest {

  static final Instant PROMISED = Instant.parse("2026-03-03T02:00:00Z");
  static final TypePolicy SEVEN_DAYS = new TypePolicy(false, Set.of("PRICING_PROOF"), 7);

  static OrderFacts order(String id, String status, Long announcement) {
    return new OrderFacts(id, status, PROMISED, "新疆乌鲁木齐市天山区", "650102", "3301", announcement);
  }

  @Test
  void leavesOutAnOrderAnAnnouncementExemptsWithTheAnnouncementsId() {
    var result =
        ReportRules.evaluate(
            List.of("exempt", "plain"),
            Map.of(
                "exempt", order("exempt", "PENDING_SHIPMENT", 42L),
                "plain", order("plain", "PENDING_SHIPMENT", null)),
            PROMISED.plus(Duration.ofDays(3)),
            SEVEN_DAYS);

    assertThat(result.eligible()).containsExactly("plain");
    assertThat(result.excluded())
        .containsExactly(
            new ExcludedOrder("exempt", ExclusionReason.EXEMPT_BY_ANNOUNCEMENT, "已因公告 42 豁免，无需报备"));
  }

  @Test
  void anOrderThatIsNoLongerPendingKeepsThatReasonEvenWhenExempt() {
    var result =
        ReportRules.evaluate(
            List.of("shipped"),
            Map.of("shipped", order("shipped", "SHIPPED", 42L)),
            PROMISED.plus(Duration.ofDays(3)),
            SEVEN_DAYS);

    assertThat(result.eligible()).isEmpty();
    assertThat(result.excluded())
        .extracting(ExcludedOrder::reason)
        .containsExactly(ExclusionReason.NOT_PENDING_SHIPMENT);
  }
}
