package com.shipdelay.order;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** The body of {@code POST /api/v1/platform/orders}: {@code { "orders": [ … ] }}. */
record OrderSyncRequest(List<Item> orders) {

  /** One order as the platform sends it. {@code receivingRegion} may be left out. */
  @Schema(name = "PlatformOrder")
  record Item(
      @JsonDeserialize(using = StrictString.class) String orderId,
      Long merchantId,
      @JsonDeserialize(using = StrictString.class) String productId,
      OffsetDateTime paidAt,
      OffsetDateTime promisedShipAt,
      String receivingAddress,
      @JsonDeserialize(using = StrictString.class) String receivingRegion,
      @JsonDeserialize(using = StrictString.class) String shipFromRegion,
      @Schema(implementation = OrderStatus.class) String status) {}
}
