package com.shipdelay.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the two shop metrics in one set-based statement over the merchant's orders of the period
 * (the {@code (merchant_id, promised_ship_at, …)} index), with the exemptions decided per row in
 * SQL: report exemptions from {@code order_exemption}, announcement exemptions from {@code
 * announcements_covering} (V5, by address regions since V7), so orders synced after an announcement
 * are covered too. The definitions are on {@link MetricsController#shipping}.
 */
@Service
class ShippingMetricsQuery {

  private static final String SQL =
      """
      with period as (
          select o.promised_ship_at, o.shipped_at, o.picked_up_at,
                 -- synced as SHIPPED without a shipment event: shipped, but when is unknown
                 (o.status = 'SHIPPED' and o.shipped_at is null) as ship_time_unknown,
                 -- a report exemption holds while the order keeps to delayUntil (exempt_until)
                 exists (select 1
                           from order_exemption e
                          where e.order_id = o.order_id
                            and case when o.shipped_at is not null then o.shipped_at <= e.exempt_until
                                     when o.status = 'SHIPPED' then true
                                     else e.exempt_until > :now end) as by_report,
                 exists (select 1
                           from announcements_covering(o.promised_ship_at, o.region_keys,
                                                       o.ship_from_region)) as by_announcement
            from orders o
           where o.merchant_id = :merchant
             and o.promised_ship_at >= :from and o.promised_ship_at < :to
             and o.status <> 'CANCELLED'
      ), assessed as (
          select p.*, not (p.by_report or p.by_announcement) as assessed,
                 p.shipped_at is null and not p.ship_time_unknown
                     and p.promised_ship_at <= :now as overdue
            from period p
      )
      select count(*) as due,
             count(*) filter (where by_report) as exempt_by_report,
             count(*) filter (where by_announcement and not by_report) as exempt_by_announcement,
             count(*) filter (where assessed and (shipped_at is not null or overdue)) as counted,
             count(*) filter (where assessed and shipped_at <= promised_ship_at) as shipped_on_time,
             count(*) filter (where assessed and (shipped_at > promised_ship_at or overdue)) as late,
             count(*) filter (where assessed and shipped_at is not null) as shipped,
             count(*) filter (where assessed and shipped_at is not null
                                and (picked_up_at > shipped_at + :pickup_hours * interval '1 hour'
                                     or (picked_up_at is null
                                         and shipped_at + :pickup_hours * interval '1 hour' <= :now)))
                 as pickup_anomalies
        from assessed
      """;

  private final JdbcClient jdbc;
  private final MetricsSettings settings;

  ShippingMetricsQuery(JdbcClient jdbc, MetricsSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  /**
   * The metrics of the merchant's orders promised in [from, to), judged at {@code now} (an
   * unshipped order is late once its promised time is not after {@code now}).
   */
  @Transactional(readOnly = true)
  ShippingMetrics compute(long merchantId, Instant from, Instant to, Instant now) {
    ShippingMetrics.Counts counts =
        jdbc.sql(SQL)
            .param("merchant", merchantId)
            .param("from", Timestamp.from(from))
            .param("to", Timestamp.from(to))
            .param("now", Timestamp.from(now))
            .param("pickup_hours", settings.pickupHours())
            .query(
                (rs, n) ->
                    new ShippingMetrics.Counts(
                        rs.getLong("due"),
                        rs.getLong("exempt_by_report"),
                        rs.getLong("exempt_by_announcement"),
                        rs.getLong("counted"),
                        rs.getLong("shipped_on_time"),
                        rs.getLong("late"),
                        rs.getLong("shipped"),
                        rs.getLong("pickup_anomalies")))
            .single();
    return ShippingMetrics.of(from, to, counts);
  }
}
