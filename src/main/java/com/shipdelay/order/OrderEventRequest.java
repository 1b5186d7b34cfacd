package com.shipdelay.order;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/** The body of {@code POST /api/v1/platform/orders/{orderId}/events}. */
record OrderEventRequest(
    @Schema(implementation = Type.class, requiredMode = Schema.RequiredMode.REQUIRED) String type,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) OffsetDateTime at) {

  @Schema(name = "OrderEventType")
  enum Type {
    SHIPPED,
    PICKED_UP,
    CANCELLED
  }
}
