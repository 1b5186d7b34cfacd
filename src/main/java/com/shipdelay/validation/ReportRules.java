package com.shipdelay.validation;

import com.shipdelay.order.OrderFacts;
import com.shipdelay.region.AddressParser;
import com.shipdelay.region.Region;
import com.shipdelay.region.Regions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The order-level rules of a report, with no engine and no database: which of the requested orders
 * may be included, and why each other one is left out. The REST submission uses it; the process's
 * validation step re-checks what can change after submission.
 */
public final class ReportRules {

  private ReportRules() {}

  public record Evaluation(List<String> eligible, List<ExcludedOrder> excluded) {}

  /**
   * What the rules need to know about the report as a whole.
   *
   * @param affectedRegions the report's affected regions (region-bound types)
   * @param restrictedRegions the merchant's non-delivery and non-free-shipping regions
   * @param addresses finds the places an address names (dual addresses)
   */
  public record Scope(
      ReportType type,
      TypePolicy policy,
      Instant delayUntil,
      Collection<String> affectedRegions,
      Set<String> restrictedRegions,
      AddressParser addresses) {}

  /** Only the delay rules, for a type bound neither to regions nor to addresses. */
  static Evaluation evaluate(
      List<String> requested,
      Map<String, OrderFacts> facts,
      Instant delayUntil,
      TypePolicy policy) {
    return evaluate(
        requested,
        facts,
        new Scope(ReportType.MERCHANT_FACTOR, policy, delayUntil, List.of(), Set.of(), null));
  }

  /**
   * The guide's epidemic rule: when the merchant's own ship-from place is affected (it lies in an
   * affected region, or an affected region lies in it), the type does not apply.
   */
  static boolean shipFromAffected(String shipFrom, Collection<String> affectedRegions) {
    return shipFrom != null
        && affectedRegions.stream()
            .anyMatch(a -> Regions.contains(a, shipFrom) || Regions.contains(shipFrom, a));
  }

  /**
   * The epidemic type's refusal: it is for buyers' places that are affected, so when the merchant's
   * ship-from place, or that of any requested order, is affected, the whole report is refused (the
   * merchant files a special order instead).
   */
  public static boolean shipFromRefused(
      ReportType type,
      String merchantShipFrom,
      Collection<OrderFacts> orders,
      Collection<String> affectedRegions) {
    return type == ReportType.EPIDEMIC
        && (shipFromAffected(merchantShipFrom, affectedRegions)
            || orders.stream()
                .anyMatch(o -> shipFromAffected(o.shipFromRegion(), affectedRegions)));
  }

  /**
   * The regions a type's orders are checked against besides the affected ones: the merchant's
   * restricted regions for dual addresses, none for any other type (so they are not even read).
   */
  public static Set<String> restrictedScope(
      ReportType type, Supplier<Set<String>> restrictedRegions) {
    return type == ReportType.DUAL_ADDRESS ? restrictedRegions.get() : Set.of();
  }

  /**
   * A dual address names two or more places that do not contain one another, and at least one of
   * them lies in a region the merchant does not deliver to, or does not ship free to.
   */
  static boolean qualifiesAsDualAddress(
      String address, Set<String> restrictedRegions, AddressParser addresses) {
    AddressParser.ParsedAddress parsed = addresses.parse(address);
    return parsed.dual()
        && parsed.mentions().stream()
            .map(Region::code)
            .anyMatch(code -> Regions.insideAny(code, restrictedRegions));
  }

  /**
   * @param requested the order ids asked for, in order, without duplicates
   * @param facts the facts of those that belong to the merchant
   */
  public static Evaluation evaluate(
      List<String> requested, Map<String, OrderFacts> facts, Scope scope) {
    List<String> eligible = new ArrayList<>();
    List<ExcludedOrder> excluded = new ArrayList<>();
    TypePolicy policy = scope.policy();
    Instant delayUntil = scope.delayUntil();
    Duration maxDelay = Duration.ofDays(policy.maxDelayDays());
    for (String id : requested) {
      OrderFacts order = facts.get(id);
      ExclusionReason reason = null;
      if (order == null) {
        reason = ExclusionReason.NOT_FOUND;
      } else if (!order.pendingShipment()) {
        reason = ExclusionReason.NOT_PENDING_SHIPMENT;
      } else if (order.exemptByAnnouncement() != null) {
        excluded.add(
            new ExcludedOrder(
                id,
                ExclusionReason.EXEMPT_BY_ANNOUNCEMENT,
                "已因公告 " + order.exemptByAnnouncement() + " 豁免，无需报备"));
        continue;
      } else if (policy.regionBound()
          && !Regions.insideAny(order.receivingRegion(), scope.affectedRegions())) {
        reason = ExclusionReason.OUTSIDE_AFFECTED_REGIONS;
      } else if (scope.type() == ReportType.DUAL_ADDRESS
          && !qualifiesAsDualAddress(
              order.receivingAddress(), scope.restrictedRegions(), scope.addresses())) {
        reason = ExclusionReason.NOT_DUAL_ADDRESS;
      } else if (!delayUntil.isAfter(order.promisedShipAt())) {
        reason = ExclusionReason.DELAY_BEFORE_PROMISE;
      } else if (delayUntil.isAfter(order.promisedShipAt().plus(maxDelay))) {
        excluded.add(
            new ExcludedOrder(
                id,
                ExclusionReason.DELAY_TOO_LONG,
                "延迟发货时间超过承诺发货时间后 " + policy.maxDelayDays() + " 天的上限"));
        continue;
      }
      if (reason == null) {
        eligible.add(id);
      } else {
        excluded.add(ExcludedOrder.of(id, reason));
      }
    }
    return new Evaluation(eligible, excluded);
  }
}
