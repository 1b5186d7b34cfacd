package com.shipdelay.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pickupHours how long after shipping the courier must have picked an order up before it
 *     counts as a pickup anomaly (24 h by the guide)
 */
@ConfigurationProperties("shipdelay.metrics")
record MetricsSettings(Integer pickupHours) {

  MetricsSettings {
    pickupHours = pickupHours == null || pickupHours <= 0 ? 24 : pickupHours;
  }
}
