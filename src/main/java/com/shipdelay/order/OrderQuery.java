package com.shipdelay.order;

import java.time.Instant;
import java.util.List;

/** A merchant's order list filter, already checked. Null and empty mean "any". */
record OrderQuery(
    OrderStatus status,
    Instant promisedFrom,
    Instant promisedTo,
    List<String> productIds,
    List<String> regions,
    Boolean reported) {

  OrderQuery {
    productIds = productIds == null ? List.of() : List.copyOf(productIds);
    regions = regions == null ? List.of() : List.copyOf(regions);
  }
}
