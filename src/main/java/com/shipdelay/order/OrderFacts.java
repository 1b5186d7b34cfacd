package com.shipdelay.order;

import java.time.Instant;

/**
 * What the report rules need to know about one of the merchant's orders.
 *
 * @param exemptByAnnouncement the id of an announcement that already exempts the order (the lowest,
 *     when several do), or null
 */
public record OrderFacts(
    String orderId,
    String status,
    Instant promisedShipAt,
    String receivingAddress,
    String receivingRegion,
    String shipFromRegion,
    Long exemptByAnnouncement) {

  /** An order no announcement exempts. */
  public OrderFacts(
      String orderId,
      String status,
      Instant promisedShipAt,
      String receivingAddress,
      String receivingRegion,
      String shipFromRegion) {
    this(orderId, status, promisedShipAt, receivingAddress, receivingRegion, shipFromRegion, null);
  }

  public boolean pendingShipment() {
    return "PENDING_SHIPMENT".equals(status);
  }
}
