package com.shipdelay.region;

import java.util.Set;

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

  /** The province-level cities: 北京, 天津, 上海, 重庆. */
  static final Set<String> MUNICIPALITIES = Set.of("11", "12", "31", "50");

  /** Whether this is a city in its own right: a city, or a province-level municipality. */
  boolean cityOrMunicipality() {
    return level == Level.CITY || level == Level.PROVINCE && MUNICIPALITIES.contains(code);
  }

  public boolean contains(Region other) {
    return other.code.startsWith(code);
  }

  String provinceCode() {
    return code.substring(0, 2);
  }
}
