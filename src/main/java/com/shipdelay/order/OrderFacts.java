package com.shipdelay.order;

import java.time.Instant;

/** What the report rules need to know about one of the merchant's orders. */
public record OrderFacts(
    String orderId,
    String status,
    Instant promisedShipAt,
    String receivingAddress,
    String receivingRegion,
    String shipFromRegion) {

  public boolean pendingShipment() {
    return "PENDING_SHIPMENT".equals(status);
  }
}
