package com.shipdelay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The metrics statement against the real database, one case per test: a fresh merchant, a handful
 * of orders inserted by SQL, and a fixed "now". Each test gets its own ten days in 2019, so an
 * announcement one test publishes covers no other test's orders.
 */
@IntegrationTest
class ShippingMetricsQueryTest {

  private static final AtomicInteger PERIODS = new AtomicInteger();
  private static final AtomicLong ORDER_IDS = new AtomicLong(System.nanoTime() % 1_000_000);
  private static final Duration H = Duration.ofHours(1);

  @Autowired ShippingMetricsQuery query;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;

  TestData.TestMerchant merchant;

  /** The test's period is [from, from + 10 days); it is judged at now = from + 5 days. */
  Instant from;

  Instant to;
  Instant now;

  @BeforeEach
  void setUp() {
    merchant = data.merchant();
    from =
        Instant.parse("2019-01-01T00:00:00Z")
            .plus(Duration.ofDays(10L * PERIODS.incrementAndGet()));
    to = from.plus(Duration.ofDays(10));
    now = from.plus(Duration.ofDays(5));
  }

  /** An order as the tests need it; shipped when {@code shippedAt} is given. */
  private final class Order {
    Instant promised = from.plus(Duration.ofDays(1));
    String status = "PENDING_SHIPMENT";
    Instant shippedAt;
    Instant pickedUpAt;
    String receivingRegion = "110105";
    String shipFromRegion = "3301";
    Long exemptReportId;
    Instant exemptUntil;

    Order promised(Instant at) {
      promised = at;
      return this;
    }

    Order shipped(Instant at) {
      status = "SHIPPED";
      shippedAt = at;
      return this;
    }

    Order pickedUp(Instant at) {
      pickedUpAt = at;
      return this;
    }

    Order cancelled() {
      status = "CANCELLED";
      return this;
    }

    Order regions(String receiving, String shipFrom) {
      receivingRegion = receiving;
      shipFromRegion = shipFrom;
      return this;
    }

    Order exemptByReportUntil(Instant until) {
      exemptReportId = 900_000L + ORDER_IDS.get() % 1000;
      exemptUntil = until;
      return this;
    }

    void save() {
      String orderId = "5" + String.format("%017d", ORDER_IDS.incrementAndGet());
      jdbc.sql(
              """
              insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                  receiving_address, receiving_region, ship_from_region, status,
                                  shipped_at, picked_up_at, cancelled_at)
              values (?, ?, '7001', ?, ?, '测试地址', ?, ?, ?, ?, ?, ?)
              """)
          .params(
              orderId,
              merchant.id(),
              ts(promised.minus(Duration.ofDays(1))),
              ts(promised),
              receivingRegion,
              shipFromRegion,
              status,
              ts(shippedAt),
              ts(pickedUpAt),
              "CANCELLED".equals(status) ? ts(promised.minus(H)) : null)
          .update();
      if (exemptReportId != null) {
        jdbc.sql("insert into order_exemption (order_id, report_id, exempt_until) values (?, ?, ?)")
            .params(orderId, exemptReportId, ts(exemptUntil))
            .update();
      }
    }
  }

  private Order order() {
    return new Order();
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  /** Publishes an announcement over the first day of the test's period. */
  private void announce(String region, boolean receiving, boolean shipFrom) {
    jdbc.sql(
            """
            insert into announcement (title, regions, applies_receiving, applies_ship_from,
                                      promised_from, promised_to)
            values ('测试公告', ?, ?, ?, ?, ?)
            """)
        .params(
            new String[] {region}, receiving, shipFrom, ts(from), ts(from.plus(Duration.ofDays(2))))
        .update();
  }

  private ShippingMetrics metrics() {
    return query.compute(merchant.id(), from, to, now);
  }

  private static ShippingMetrics.Counts counts(
      long due,
      long exemptByReport,
      long exemptByAnnouncement,
      long counted,
      long shippedOnTime,
      long late,
      long shipped,
      long pickupAnomalies) {
    return new ShippingMetrics.Counts(
        due,
        exemptByReport,
        exemptByAnnouncement,
        counted,
        shippedOnTime,
        late,
        shipped,
        pickupAnomalies);
  }

  @Test
  void emptyPeriodHasNoRates() {
    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(m.onTimeShipmentRate()).isNull();
    assertThat(m.pickupAnomalyRate()).isNull();
    assertThat(m.from()).isEqualTo(from);
    assertThat(m.to()).isEqualTo(to);
  }

  @Test
  void orderShippedBeforeItsPromiseIsOnTime() {
    Instant promised = from.plus(Duration.ofDays(1));
    order().promised(promised).shipped(promised.minus(H)).pickedUp(promised).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(1, 0, 0, 1, 1, 0, 1, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(1.0);
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.0);
  }

  @Test
  void orderShippedExactlyAtItsPromiseIsOnTime() {
    Instant promised = from.plus(Duration.ofDays(1));
    order().promised(promised).shipped(promised).pickedUp(promised.plus(H)).save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 0, 0, 1, 1, 0, 1, 0));
  }

  @Test
  void orderShippedAfterItsPromiseIsLate() {
    Instant promised = from.plus(Duration.ofDays(1));
    order()
        .promised(promised)
        .shipped(promised.plus(H))
        .pickedUp(promised.plus(Duration.ofHours(2)))
        .save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(1, 0, 0, 1, 0, 1, 1, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(0.0);
  }

  @Test
  void threeOnTimeAndOneLateGiveThreeQuarters() {
    Instant promised = from.plus(Duration.ofDays(1));
    for (int i = 0; i < 3; i++) {
      order().promised(promised).shipped(promised.minus(H)).pickedUp(promised).save();
    }
    order()
        .promised(promised)
        .shipped(promised.plus(H))
        .pickedUp(promised.plus(Duration.ofHours(2)))
        .save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(4, 0, 0, 4, 3, 1, 4, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(0.75);
  }

  @Test
  void unshippedOrderPastItsPromiseIsLate() {
    order().promised(now.minus(H)).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(1, 0, 0, 1, 0, 1, 0, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(0.0);
    assertThat(m.pickupAnomalyRate()).isNull();
  }

  @Test
  void unshippedOrderNotYetDueIsLeftOutOfNumeratorAndDenominator() {
    order().promised(now.plus(H)).save();
    Instant promised = from.plus(Duration.ofDays(1));
    order().promised(promised).shipped(promised.minus(H)).pickedUp(promised).save();

    var m = metrics();

    // due 2, but only the shipped one is counted: 1 / 1
    assertThat(m.counts()).isEqualTo(counts(2, 0, 0, 1, 1, 0, 1, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(1.0);
  }

  @Test
  void cancelledOrderIsNotDue() {
    order().promised(now.minus(H)).cancelled().save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(m.onTimeShipmentRate()).isNull();
  }

  @Test
  void ordersPromisedOutsideThePeriodOrOfAnotherMerchantAreNotDue() {
    order().promised(from.minus(H)).save();
    order().promised(to).save(); // the period is half-open
    TestData.TestMerchant mine = merchant;
    merchant = data.merchant();
    order().promised(now.minus(H)).save();
    merchant = mine;

    assertThat(metrics().counts()).isEqualTo(counts(0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void orderExemptByReportAndShippedByDelayUntilIsLeftOut() {
    Instant promised = from.plus(Duration.ofDays(1));
    Instant delayUntil = promised.plus(Duration.ofDays(2));
    order()
        .promised(promised)
        .exemptByReportUntil(delayUntil)
        .shipped(delayUntil.minus(H))
        .pickedUp(delayUntil.plus(Duration.ofDays(2)))
        .save();

    var m = metrics();

    // left out of both metrics, its slow pickup as well
    assertThat(m.counts()).isEqualTo(counts(1, 1, 0, 0, 0, 0, 0, 0));
    assertThat(m.onTimeShipmentRate()).isNull();
    assertThat(m.pickupAnomalyRate()).isNull();
  }

  @Test
  void unshippedOrderExemptByReportIsLeftOutWhileDelayUntilHasNotPassed() {
    order().promised(now.minus(H)).exemptByReportUntil(now.plus(Duration.ofDays(1))).save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 1, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void reportExemptOrderShippedAfterDelayUntilCountsAgainAsLate() {
    Instant promised = from.plus(Duration.ofDays(1));
    Instant delayUntil = promised.plus(Duration.ofDays(1));
    order()
        .promised(promised)
        .exemptByReportUntil(delayUntil)
        .shipped(delayUntil.plus(H))
        .pickedUp(delayUntil.plus(Duration.ofHours(2)))
        .save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(1, 0, 0, 1, 0, 1, 1, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(0.0);
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.0);
  }

  @Test
  void reportExemptOrderStillUnshippedAfterDelayUntilCountsAgainAsLate() {
    order()
        .promised(from.plus(Duration.ofDays(1)))
        .exemptByReportUntil(from.plus(Duration.ofDays(2)))
        .save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 0, 0, 1, 0, 1, 0, 0));
  }

  @Test
  void announcementOnReceivingAddressExemptsOrdersReceivingInsideItsRegions() {
    announce("65", true, false);
    Instant promised = from.plus(Duration.ofDays(1));
    // receiving in 650102 (inside 65): exempt; never picked up, which would be an anomaly
    order().promised(promised).regions("650102", "3301").shipped(promised.plus(H)).save();
    // shipping from 6501 but receiving elsewhere: the announcement does not look at ship-from
    order()
        .promised(promised)
        .regions("110105", "650103")
        .shipped(promised.minus(H))
        .pickedUp(promised)
        .save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(2, 0, 1, 1, 1, 0, 1, 0));
    assertThat(m.onTimeShipmentRate()).isEqualTo(1.0);
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.0);
  }

  @Test
  void announcementOnShipFromAddressExemptsOrdersShippedFromInsideItsRegions() {
    announce("6501", false, true);
    Instant promised = from.plus(Duration.ofDays(1));
    // ships from 650103 (inside 6501): exempt although it is late
    order().promised(promised).regions("110105", "650103").shipped(promised.plus(H)).save();
    // receives in 650102 but ships from 3301: the announcement does not look at receiving
    order().promised(promised).regions("650102", "3301").shipped(promised.plus(H)).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(2, 0, 1, 1, 0, 1, 1, 1));
    assertThat(m.onTimeShipmentRate()).isEqualTo(0.0);
    assertThat(m.pickupAnomalyRate()).isEqualTo(1.0);
  }

  @Test
  void announcementCoversItsWindowHalfOpen() {
    announce("65", true, true);
    // the announcement's window is [from, from + 2 days): its end is outside
    order().promised(from.plus(Duration.ofDays(2))).regions("650102", "3301").save();
    order().promised(from).regions("650102", "3301").save();

    assertThat(metrics().counts()).isEqualTo(counts(2, 0, 1, 1, 0, 1, 0, 0));
  }

  @Test
  void orderExemptByReportAndAnnouncementCountsOnceAsReport() {
    announce("65", true, false);
    Instant promised = from.plus(Duration.ofDays(1));
    order()
        .promised(promised)
        .regions("650102", "3301")
        .exemptByReportUntil(promised.plus(Duration.ofDays(1)))
        .shipped(promised.plus(H))
        .save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 1, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void announcementStillExemptsAnOrderWhoseReportExemptionLapsed() {
    announce("65", true, false);
    Instant promised = from.plus(Duration.ofDays(1));
    Instant delayUntil = promised.plus(H);
    order()
        .promised(promised)
        .regions("650102", "3301")
        .exemptByReportUntil(delayUntil)
        .shipped(delayUntil.plus(H))
        .save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 0, 1, 0, 0, 0, 0, 0));
  }

  @Test
  void pickupWithin24HoursOfShippingIsNoAnomaly() {
    Instant promised = from.plus(Duration.ofDays(1));
    Instant shipped = promised.minus(H);
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(Duration.ofHours(23))).save();
    // exactly 24 hours is still within
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(Duration.ofHours(24))).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(2, 0, 0, 2, 2, 0, 2, 0));
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.0);
  }

  @Test
  void pickupLaterThan24HoursAfterShippingIsAnAnomaly() {
    Instant promised = from.plus(Duration.ofDays(1));
    Instant shipped = promised.minus(H);
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(Duration.ofHours(25))).save();
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(H)).save();
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(H)).save();
    order().promised(promised).shipped(shipped).pickedUp(shipped.plus(H)).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(4, 0, 0, 4, 4, 0, 4, 1));
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.25);
  }

  @Test
  void noPickupIsAnAnomalyOnce24HoursHavePassedSinceShipping() {
    // shipped 25 hours before now, never picked up: an anomaly
    order().promised(now).shipped(now.minus(Duration.ofHours(25))).save();
    // shipped 2 hours before now, not picked up yet: not (yet) an anomaly, still shipped
    order().promised(now).shipped(now.minus(Duration.ofHours(2))).save();

    var m = metrics();

    assertThat(m.counts()).isEqualTo(counts(2, 0, 0, 2, 2, 0, 2, 1));
    assertThat(m.pickupAnomalyRate()).isEqualTo(0.5);
  }

  @Test
  void orderSyncedAsShippedWithoutAShipmentTimeIsNotJudged() {
    Order order = order().promised(now.minus(H));
    order.status = "SHIPPED";
    order.save();

    assertThat(metrics().counts()).isEqualTo(counts(1, 0, 0, 0, 0, 0, 0, 0));
  }
}
