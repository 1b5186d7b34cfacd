package com.shipdelay.order;

import java.time.Instant;
import java.util.List;

/** A merchant's order filter: promised-ship-time range [from, to), products, regions. */
public record OrderSelection(
    Instant promisedFrom, Instant promisedTo, List<String> productIds, List<String> regions) {

  public OrderSelection {
    productIds = productIds == null ? List.of() : List.copyOf(productIds);
    regions = regions == null ? List.of() : List.copyOf(regions);
  }
}
