package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.Refusals;
import com.shipdelay.support.TestData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The filing gate seen from a merchant: while every turn is taken, a filing in either form waits (1
 * s in the test profile), then answers 503 {@code FILINGS_BUSY} with nothing saved; the same
 * request goes through once a turn is free. It holds the shared lock because it takes every turn of
 * the node, which a class running beside it would find taken.
 */
@ChangesSharedWorld
@IntegrationTest
class FilingTurnsTest {

  @Autowired FilingGate gate;
  @Autowired ReportSettings settings;
  @Autowired TestData data;
  @LocalServerPort int port;

  @Test
  void aFilingThatFindsEveryTurnTakenIsRefusedWithNothingSavedAndLaterGoesThrough()
      throws Exception {
    Api api = new Api(port);
    TestData.TestMerchant merchant = data.merchant();
    String auth = Api.bearer(merchant.token());
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    String json = Filing.body("MERCHANT_FACTOR", orders, Duration.ofDays(3), List.of());
    long before = reports(merchant);

    CountDownLatch leave = new CountDownLatch(1);
    ExecutorService holders = Executors.newFixedThreadPool(settings.concurrentFilings());
    try {
      CountDownLatch holding = new CountDownLatch(settings.concurrentFilings());
      for (int i = 0; i < settings.concurrentFilings(); i++) {
        holders.submit(
            () ->
                gate.file(
                    () -> {
                      holding.countDown();
                      return waitFor(leave);
                    }));
      }
      assertThat(holding.await(10, TimeUnit.SECONDS)).as("every turn taken").isTrue();
      double refusedBefore = metric(api, "shipdelay_filings_refused_total");
      assertThat(metric(api, "shipdelay_filings_active")).isEqualTo(settings.concurrentFilings());

      Refusals.unavailable(
          api.postJson("/api/v1/delay-reports", auth, json, "Idempotency-Key", "turns-json"),
          "FILINGS_BUSY");
      Refusals.unavailable(
          api.multipart(
              "/api/v1/delay-reports",
              auth,
              List.of(
                  Api.Part.json("report", json),
                  Api.Part.file("evidence", "定价证明.pdf", "application/pdf", Filing.PDF),
                  Api.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]"))),
          "FILINGS_BUSY");
      assertThat(reports(merchant)).isEqualTo(before);
      assertThat(metric(api, "shipdelay_filings_refused_total")).isEqualTo(refusedBefore + 2);
      assertThat(
              data.count(
                  "select count(*) from report_order where order_id = any(?) and active",
                  (Object) orders.toArray(String[]::new)))
          .isZero();
    } finally {
      leave.countDown();
      holders.shutdown();
      assertThat(holders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    Api.Response filed =
        api.postJson("/api/v1/delay-reports", auth, json, "Idempotency-Key", "turns-json");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    assertThat(reports(merchant)).isEqualTo(before + 1);
    assertThat(metric(api, "shipdelay_filings_active")).isZero();
  }

  /** One unlabelled sample of {@code /actuator/prometheus}. */
  private static double metric(Api api, String name) {
    String text = api.get("/actuator/prometheus", Api.ADMIN).text();
    return text.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " is not in /actuator/prometheus"));
  }

  private static boolean waitFor(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private long reports(TestData.TestMerchant merchant) {
    return data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
  }
}
