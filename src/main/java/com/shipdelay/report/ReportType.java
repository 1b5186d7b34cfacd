package com.shipdelay.report;

import java.util.Arrays;
import java.util.Optional;

/** The report types of the platform's operating guide. */
public enum ReportType {
  LARGE_CONFERENCE("大型会议", true),
  MAJOR_SPORTS_EVENT("重大赛事", true),
  NATURAL_DISASTER("自然灾害", true),
  EPIDEMIC("疫情原因", true),
  MERCHANT_FACTOR("商家因素", false),
  SPECIAL_ORDER("特殊订单", false),
  DUAL_ADDRESS("双地址", false);

  private final String label;
  private final boolean regionBound;

  ReportType(String label, boolean regionBound) {
    this.label = label;
    this.regionBound = regionBound;
  }

  public String label() {
    return label;
  }

  public boolean regionBound() {
    return regionBound;
  }

  public static Optional<ReportType> parse(String code) {
    return Arrays.stream(values()).filter(t -> t.name().equals(code)).findFirst();
  }
}
