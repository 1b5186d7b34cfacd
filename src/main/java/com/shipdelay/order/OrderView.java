package com.shipdelay.order;

import java.time.Instant;
import java.util.List;

/**
 * One order as its merchant sees it. {@code addressRegions} are every region the receiving address
 * names, the receiving region first; {@code dualAddress} says they are two or more places that do
 * not contain one another.
 */
record OrderView(
    String orderId,
    String productId,
    String status,
    Instant paidAt,
    Instant promisedShipAt,
    Instant shippedAt,
    Instant pickedUpAt,
    String receivingAddress,
    String receivingRegion,
    List<String> addressRegions,
    boolean dualAddress,
    String shipFromRegion,
    ReportRef report,
    Exemption exemption) {

  /** The order's latest report, whatever its status. */
  record ReportRef(long reportId, String status) {}

  /** Why the order is left out of the shop metrics: {@code source} is REPORT or ANNOUNCEMENT. */
  record Exemption(String source, long refId, Instant until) {}
}
