package com.shipdelay.validation;

import java.util.Arrays;
import java.util.Optional;

/**
 * The report types of the platform's operating guide. Their rules (affected regions, evidence,
 * longest delay) are in the DMN table admins edit, not here.
 */
public enum ReportType {
  LARGE_CONFERENCE("大型会议"),
  MAJOR_SPORTS_EVENT("重大赛事"),
  NATURAL_DISASTER("自然灾害"),
  EPIDEMIC("疫情原因"),
  MERCHANT_FACTOR("商家因素"),
  SPECIAL_ORDER("特殊订单"),
  DUAL_ADDRESS("双地址");

  private final String label;

  ReportType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<ReportType> parse(String code) {
    return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
  }
}
