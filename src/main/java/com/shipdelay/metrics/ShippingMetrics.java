package com.shipdelay.metrics;

import java.time.Instant;

/**
 * The merchant's two shop metrics over a promised-ship-time period, with the counts behind them.
 */
record ShippingMetrics(
    Instant from, Instant to, Double onTimeShipmentRate, Double pickupAnomalyRate, Counts counts) {

  record Counts(
      long due,
      long exemptByReport,
      long exemptByAnnouncement,
      long counted,
      long shippedOnTime,
      long late,
      long shipped,
      long pickupAnomalies) {}

  static ShippingMetrics of(Instant from, Instant to, Counts counts) {
    return new ShippingMetrics(
        from,
        to,
        rate(counts.shippedOnTime(), counts.counted()),
        rate(counts.pickupAnomalies(), counts.shipped()),
        counts);
  }

  /** A share, or null when the denominator is empty. */
  static Double rate(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
