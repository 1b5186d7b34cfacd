package com.shipdelay.order;

import io.swagger.v3.oas.annotations.media.Schema;
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
    @Schema(implementation = OrderStatus.class) String status,
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
  @Schema(name = "OrderReport")
  record ReportRef(
      long reportId, @Schema(ref = "#/components/schemas/ReportStatus") String status) {}

  /** Why the order is left out of the shop metrics: {@code source} is REPORT or ANNOUNCEMENT. */
  @Schema(name = "OrderExemption")
  record Exemption(
      @Schema(allowableValues = {"REPORT", "ANNOUNCEMENT"}) String source,
      long refId,
      Instant until) {}
}
