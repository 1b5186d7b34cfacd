package com.shipdelay.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The bearer token that platform systems present on {@code /api/v1/platform/**}. */
@ConfigurationProperties("shipdelay.platform")
record PlatformSettings(String token) {

  @Override
  public String toString() {
    return "PlatformSettings[token=***]";
  }
}
