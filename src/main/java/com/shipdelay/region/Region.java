package com.shipdelay.region;

/**
 * A GB/T 2260 region: a 2-digit province, a 4-digit city or a 6-digit district. A region contains
 * every region whose code starts with its code.
 */
public record Region(String code, String name, Level level) {

  enum Level {
    PROVINCE,
    CITY,
    DISTRICT
  }

  public boolean contains(Region other) {
    return other.code.startsWith(code);
  }

  String provinceCode() {
    return code.substring(0, 2);
  }
}
