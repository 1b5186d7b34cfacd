package com.shipdelay.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.EmbeddedInfrastructure;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.Refusals;
import com.shipdelay.support.TestData;
import com.shipdelay.support.WebappSession;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The object store and the database taken away for real (connections refused), and given back:
 * requests answer 503 with a code and {@code Retry-After}, nothing is saved, and the application
 * recovers by itself.
 */
@IntegrationTest
@ChangesSharedWorld
class DependencyOutageTest {

  static final String PLATFORM = Api.bearer("dev-platform-token");

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired S3Proxy s3;
  @Autowired EmbeddedPostgres postgres;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  String auth;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
    auth = Api.bearer(merchant.token());
  }

  private String pi(String reportId) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(reportId)
        .singleResult()
        .getId();
  }

  private long reports() {
    return data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
  }

  private long evidence(String reportId) {
    return data.count(
        "select count(*) from evidence where report_id = ?", Long.parseLong(reportId));
  }

  @Test
  void withTheObjectStoreDownFilingAnswers503AndARetryWithTheSameKeySucceeds() throws Exception {
    // a report under review, whose evidence a reviewer opens from the form
    var reviewed =
        Filing.file(
            api,
            merchant,
            "SPECIAL_ORDER",
            data.pendingOrders(merchant, 1, "610113"),
            "FORCE_MAJEURE_PROOF");
    String inReview = reviewed.json().get("id").asText();
    data.runJobs(pi(inReview));
    long evidenceId = reviewed.json().at("/evidence/0/id").asLong();
    // a report whose evidence check has not run yet
    String submitted =
        Filing.file(
                api,
                merchant,
                "SPECIAL_ORDER",
                data.pendingOrders(merchant, 1, "610113"),
                "FORCE_MAJEURE_PROOF")
            .json()
            .get("id")
            .asText();
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    String body = Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(3), List.of());
    List<Api.Part> parts =
        List.of(
            Api.Part.json("report", body),
            Api.Part.file("evidence", "不可抗力证明.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"FORCE_MAJEURE_PROOF\"]"));
    String key = "outage-" + System.nanoTime();
    long before = reports();
    WebappSession reviewer = WebappSession.login(port, "reviewer", "reviewer-dev-password");

    EmbeddedInfrastructure.stopS3(s3);
    try {
      var refused = api.multipart("/api/v1/delay-reports", auth, parts, "Idempotency-Key", key);
      Refusals.unavailable(refused, "STORAGE_UNAVAILABLE");
      assertThat(reports()).isEqualTo(before);
      assertThat(
              data.count(
                  "select count(*) from report_order where order_id = any(?) and active",
                  (Object) orders.toArray(String[]::new)))
          .isZero();

      // supplements are refused the same way and leave nothing
      Refusals.unavailable(
          api.multipart(
              "/api/v1/delay-reports/" + inReview + "/evidence",
              auth,
              List.of(
                  Api.Part.file("evidence", "补充.pdf", "application/pdf", Filing.PDF),
                  Api.Part.json("evidenceKinds", "[\"OTHER\"]"))),
          "STORAGE_UNAVAILABLE");
      assertThat(evidence(inReview)).isEqualTo(1);

      // the merchant still sees the report with its (signed, offline) download links
      var detail = api.get("/api/v1/delay-reports/" + inReview, auth);
      assertThat(detail.status()).as(detail.text()).isEqualTo(200);
      assertThat(detail.json().at("/evidence/0/downloadUrl").asText()).contains("X-Amz-Signature");

      // a reviewer opening the file is told the store is away
      Refusals.unavailable(
          reviewer.send("GET", "/review/evidence/" + evidenceId, null), "STORAGE_UNAVAILABLE");

      // the evidence check does not take an unreachable store for damaged files: it fails, and
      // the engine runs it again later
      // (validation ran in the filing's transaction; the check is the instance's first job)
      String check =
          management.createJobQuery().processInstanceId(pi(submitted)).singleResult().getId();
      assertThatThrownBy(() -> management.executeJob(check)).hasMessageContaining("凭证存储暂时不可用");
      assertThat(status(submitted)).isEqualTo("SUBMITTED");
    } finally {
      EmbeddedInfrastructure.startS3(s3);
    }

    var filed = api.multipart("/api/v1/delay-reports", auth, parts, "Idempotency-Key", key);
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    var again = api.multipart("/api/v1/delay-reports", auth, parts, "Idempotency-Key", key);
    assertThat(again.json().get("id").asLong()).isEqualTo(filed.json().get("id").asLong());
    assertThat(reports()).isEqualTo(before + 1);
    assertThat(evidence(filed.json().get("id").asText())).isEqualTo(1);

    // the failed check, run again (the engine does so after its retry delay), passes now
    management.executeJob(
        management.createJobQuery().processInstanceId(pi(submitted)).singleResult().getId());
    assertThat(status(submitted)).isEqualTo("IN_REVIEW");
  }

  private String status(String reportId) {
    return api.get("/api/v1/delay-reports/" + reportId, auth).json().get("status").asText();
  }

  @Test
  void withTheDatabaseRefusingConnectionsRequestsAnswer503AndTheAppRecovers() throws Exception {
    String orderId = "7799" + System.nanoTime() % 1_000_000_000L;
    String sync =
        """
        {"orders":[{"orderId":"%s","merchantId":%d,"productId":"1",
          "paidAt":"2026-01-01T00:00:00Z","promisedShipAt":"2026-01-02T00:00:00Z",
          "receivingAddress":"陕西省西安市雁塔区小寨东路"}]}"""
            .formatted(orderId, merchant.id());
    // the way back in: a connection to another database, which stays open to everyone
    try (Connection admin =
            DriverManager.getConnection(postgres.getJdbcUrl("postgres", "template1"));
        Statement sql = admin.createStatement()) {
      try {
        sql.execute("alter database postgres with allow_connections false");
        sql.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity where datname = 'postgres'");

        // the three at once: each waits out the pool's connection timeout before its 503
        Instant start = Instant.now();
        // a merchant request fails in the authentication filter, before any controller
        var list = CompletableFuture.supplyAsync(() -> api.get("/api/v1/delay-reports", auth));
        // a platform request fails in the controller's transaction
        var platform =
            CompletableFuture.supplyAsync(
                () -> api.postJson("/api/v1/platform/orders", PLATFORM, sync));
        // the engine's REST API fails in its authentication
        var engine =
            CompletableFuture.supplyAsync(() -> api.get("/engine-rest/task", Api.REVIEWER));
        Refusals.unavailable(list.join(), "DATABASE_UNAVAILABLE");
        Refusals.unavailable(platform.join(), "DATABASE_UNAVAILABLE");
        Refusals.unavailable(engine.join(), "DATABASE_UNAVAILABLE");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
      } finally {
        sql.execute("alter database postgres with allow_connections true");
      }
    }

    // the pool reconnects by itself
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    Api.Response list = api.get("/api/v1/delay-reports", auth);
    while (list.status() != 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
      list = api.get("/api/v1/delay-reports", auth);
    }
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    assertThat(data.count("select count(*) from orders where order_id = ?", orderId)).isZero();
    assertThat(api.postJson("/api/v1/platform/orders", PLATFORM, sync).status()).isEqualTo(200);
    assertThat(api.get("/engine-rest/task", Api.REVIEWER).status()).isEqualTo(200);
  }
}
