package com.shipdelay.order;

import java.util.Arrays;
import java.util.Optional;

/** The values of {@code orders.status}. */
public enum OrderStatus {
  PENDING_SHIPMENT,
  SHIPPED,
  CANCELLED;

  static Optional<OrderStatus> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.name().equals(value)).findFirst();
  }

  static String allowed() {
    return "PENDING_SHIPMENT、SHIPPED 或 CANCELLED";
  }
}
