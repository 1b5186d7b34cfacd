package com.shipdelay.report;

import com.shipdelay.order.OrderFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order-level rules of a report, with no engine and no database: which of the requested orders
 * may be included, and why each other one is left out. The REST submission and the process's
 * validation step both use it.
 */
final class ReportRules {

  private ReportRules() {}

  record Evaluation(List<String> eligible, List<ExcludedOrder> excluded) {}

  /**
   * @param requested the order ids asked for, in order, without duplicates
   * @param facts the facts of those that belong to the merchant
   */
  static Evaluation evaluate(
      List<String> requested,
      Map<String, OrderFacts> facts,
      Instant delayUntil,
      TypePolicy policy) {
    List<String> eligible = new ArrayList<>();
    List<ExcludedOrder> excluded = new ArrayList<>();
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
