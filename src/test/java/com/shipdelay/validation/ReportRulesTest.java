package com.shipdelay.validation;

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

  static final com.shipdelay.region.AddressParser ADDRESSES =
      new com.shipdelay.region.AddressParser(new com.shipdelay.region.Regions());

  static OrderFacts pendingAt(String id, String address, String region) {
    return new OrderFacts(id, "PENDING_SHIPMENT", PROMISED, address, region, "3301");
  }

  static ReportRules.Scope scope(
      ReportType type, TypePolicy policy, List<String> affected, Set<String> restricted) {
    return new ReportRules.Scope(
        type, policy, PROMISED.plus(Duration.ofDays(3)), affected, restricted, ADDRESSES);
  }

  @Test
  void regionBoundTypesKeepOrdersReceivedInsideAnAffectedRegionAtAnyLevel() {
    var policy = new TypePolicy(true, Set.of("COURIER_NOTICE"), 15);
    var facts =
        Map.of(
            "district", pendingAt("district", "陕西省西安市雁塔区", "610113"),
            "city", pendingAt("city", "陕西省西安市", "6101"),
            "elsewhere", pendingAt("elsewhere", "广东省深圳市南山区", "440305"),
            "unknown", pendingAt("unknown", "地址不详", null));

    var result =
        ReportRules.evaluate(
            List.of("district", "city", "elsewhere", "unknown"),
            facts,
            scope(ReportType.EPIDEMIC, policy, List.of("6101"), Set.of()));

    assertThat(result.eligible()).containsExactly("district", "city");
    assertThat(result.excluded())
        .extracting(ExcludedOrder::orderId, ExcludedOrder::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "elsewhere", ExclusionReason.OUTSIDE_AFFECTED_REGIONS),
            org.assertj.core.groups.Tuple.tuple(
                "unknown", ExclusionReason.OUTSIDE_AFFECTED_REGIONS));
  }

  @Test
  void theShipFromPlaceIsAffectedWhenEitherContainsTheOther() {
    assertThat(ReportRules.shipFromAffected("3301", List.of("33"))).isTrue();
    assertThat(ReportRules.shipFromAffected("3301", List.of("330106"))).isTrue();
    assertThat(ReportRules.shipFromAffected("3301", List.of("3302", "65"))).isFalse();
    assertThat(ReportRules.shipFromAffected(null, List.of("33"))).isFalse();
  }

  static OrderFacts shippedFrom(String id, String shipFrom) {
    return new OrderFacts(id, "PENDING_SHIPMENT", PROMISED, "陕西省西安市雁塔区", "610113", shipFrom);
  }

  @Test
  void anEpidemicReportIsRefusedWhenTheMerchantsOrAnOrdersShipFromPlaceIsAffected() {
    var fromHangzhou = List.of(shippedFrom("1", "3301"));
    var fromXian = List.of(shippedFrom("1", "6101"));

    assertThat(ReportRules.shipFromRefused(ReportType.EPIDEMIC, "3301", fromXian, List.of("33")))
        .isTrue();
    assertThat(
            ReportRules.shipFromRefused(ReportType.EPIDEMIC, "6101", fromHangzhou, List.of("33")))
        .isTrue();
    assertThat(ReportRules.shipFromRefused(ReportType.EPIDEMIC, "6101", fromXian, List.of("33")))
        .isFalse();
    assertThat(ReportRules.shipFromRefused(ReportType.EPIDEMIC, null, List.of(), List.of("33")))
        .isFalse();
  }

  @Test
  void onlyEpidemicReportsAreRefusedForAnAffectedShipFromPlace() {
    var fromHangzhou = List.of(shippedFrom("1", "3301"));
    for (ReportType type : ReportType.values()) {
      assertThat(ReportRules.shipFromRefused(type, "3301", fromHangzhou, List.of("33")))
          .as(type.name())
          .isEqualTo(type == ReportType.EPIDEMIC);
    }
  }

  @Test
  void onlyDualAddressReportsReadTheMerchantsRestrictedRegions() {
    for (ReportType type : ReportType.values()) {
      boolean[] read = {false};
      Set<String> scope =
          ReportRules.restrictedScope(
              type,
              () -> {
                read[0] = true;
                return Set.of("65");
              });
      boolean dual = type == ReportType.DUAL_ADDRESS;
      assertThat(scope).as(type.name()).isEqualTo(dual ? Set.of("65") : Set.of());
      assertThat(read[0]).as(type.name()).isEqualTo(dual);
    }
  }

  @Test
  void aDualAddressMustNameTwoPlacesOneOfThemRestricted() {
    String guideExample = "陕西省西安市新疆乌鲁木齐xxxxxx";

    assertThat(ReportRules.qualifiesAsDualAddress(guideExample, Set.of("65"), ADDRESSES)).isTrue();
    assertThat(ReportRules.qualifiesAsDualAddress(guideExample, Set.of("6101"), ADDRESSES))
        .isTrue();
    assertThat(ReportRules.qualifiesAsDualAddress(guideExample, Set.of("54"), ADDRESSES)).isFalse();
    assertThat(ReportRules.qualifiesAsDualAddress("新疆乌鲁木齐市天山区解放北路", Set.of("65"), ADDRESSES))
        .isFalse();
  }

  @Test
  void dualAddressReportsLeaveOutOrdersThatAreNotDualAddresses() {
    var policy = new TypePolicy(false, Set.of("NEGOTIATION_RECORD"), 7);
    var facts =
        Map.of(
            "dual", pendingAt("dual", "陕西省西安市新疆乌鲁木齐xxxxxx", "6101"),
            "single", pendingAt("single", "陕西省西安市雁塔区小寨东路1号", "610113"));

    var result =
        ReportRules.evaluate(
            List.of("dual", "single"),
            facts,
            scope(ReportType.DUAL_ADDRESS, policy, List.of(), Set.of("65")));

    assertThat(result.eligible()).containsExactly("dual");
    assertThat(result.excluded())
        .extracting(ExcludedOrder::reason)
        .containsExactly(ExclusionReason.NOT_DUAL_ADDRESS);
  }
}
