package com.shipdelay.validation;

/** Why an order asked for was left out of a report; the codes are part of the API. */
public enum ExclusionReason {
  NOT_PENDING_SHIPMENT("订单不是待发货状态"),
  NOT_FOUND("订单不存在或不属于当前商家"),
  ALREADY_REPORTED("订单已在其他待审核或已通过的报备中"),
  EXEMPT_BY_ANNOUNCEMENT("订单已因平台公告豁免，无需报备"),
  OUTSIDE_AFFECTED_REGIONS("订单收货地址不在报备的影响区域内"),
  NOT_DUAL_ADDRESS("订单地址不是涉及不配送或不包邮区域的双地址"),
  DELAY_TOO_LONG("延迟发货时间超过该报备类型允许的最长延迟"),
  DELAY_BEFORE_PROMISE("延迟发货时间不晚于订单的承诺发货时间");

  private final String message;

  ExclusionReason(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
