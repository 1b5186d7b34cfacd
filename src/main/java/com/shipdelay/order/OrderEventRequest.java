package com.shipdelay.order;

import java.time.OffsetDateTime;

/** The body of {@code POST /api/v1/platform/orders/{orderId}/events}. */
record OrderEventRequest(String type, OffsetDateTime at) {

  enum Type {
    SHIPPED,
    PICKED_UP,
    CANCELLED
  }
}
