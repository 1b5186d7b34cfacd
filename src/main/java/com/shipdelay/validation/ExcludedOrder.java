package com.shipdelay.validation;

/** An order left out of a report, with its reason code and a readable detail. */
public record ExcludedOrder(String orderId, ExclusionReason reason, String detail) {

  public static ExcludedOrder of(String orderId, ExclusionReason reason) {
    return new ExcludedOrder(orderId, reason, reason.message());
  }
}
