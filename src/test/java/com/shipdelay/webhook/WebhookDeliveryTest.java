package com.shipdelay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.notification.NotificationType;
import com.shipdelay.notification.Notifications;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook delivery against a real HTTP receiver on 127.0.0.1. The background worker is off in the
 * tests: each test builds its own dispatchers (as many nodes as it needs) on the shared database,
 * with a clock it moves, and runs their rounds.
 */
@IntegrationTest
class WebhookDeliveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Notifications notifications;
  @Autowired WebhookSettings settings;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  String auth;
  Receiver receiver;
  MutableClock clock;
  final List<WebhookDispatcher> dispatchers = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    api = new Api(port);
    merchant = data.merchant();
    auth = Api.bearer(merchant.token());
    receiver = new Receiver().start();
    // ahead of the application's clock, which records the events: what a test records is due
    clock = new MutableClock(Instant.now().plusSeconds(30));
  }

  @AfterEach
  void tearDown() {
    dispatchers.forEach(WebhookDispatcher::close);
    receiver.close();
    // pending deliveries of this test must not reach another test's dispatcher
    jdbc.sql("delete from webhook_endpoint where merchant_id = ?").param(merchant.id()).update();
  }

  /** A node: its own pool, the shared database, the test's clock. */
  private WebhookDispatcher node(WebhookSettings nodeSettings) throws Exception {
    var dispatcher =
        new WebhookDispatcher(
            jdbc,
            new TransactionTemplate(transactions),
            notifications,
            nodeSettings,
            clock,
            new WebhookUrlPolicy(true),
            new WebhookSender(
                SSLContext.getDefault().getSocketFactory(),
                nodeSettings.connectTimeout(),
                nodeSettings.requestTimeout()));
    dispatchers.add(dispatcher);
    return dispatcher;
  }

  private WebhookDispatcher node() throws Exception {
    return node(settings);
  }

  private JsonNode register(String path, String... types) {
    String list =
        java.util.Arrays.stream(types).map(t -> "\"" + t + "\"").collect(Collectors.joining(","));
    Api.Response created =
        api.postJson(
            "/api/v1/webhooks",
            auth,
            "{\"url\":\"" + receiver.url(path) + "\",\"eventTypes\":[" + list + "]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json();
  }

  /** Files a report and withdraws it: a REPORT_WITHDRAWN notification, through REST. */
  private long withdrawnReport() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    Api.Response filed = Filing.file(api, merchant, "SPECIAL_ORDER", orders, "BUYER_AGREEMENT");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    long reportId = filed.json().get("id").asLong();
    Api.Response withdrawn = api.post("/api/v1/delay-reports/" + reportId + "/withdraw", auth);
    assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
    return reportId;
  }

  private JsonNode deliveries(long endpointId) {
    Api.Response log = api.get("/api/v1/webhooks/" + endpointId + "/deliveries", auth);
    assertThat(log.status()).as(log.text()).isEqualTo(200);
    return log.json();
  }

  private JsonNode onlyDelivery(long endpointId) {
    JsonNode log = deliveries(endpointId);
    assertThat(log.get("total").asLong()).isEqualTo(1);
    return log.get("items").get(0);
  }

  private static String hmac(String secret, String signed) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deliversASignedEventThatVerifiesWithTheDocumentedRecipe() throws Exception {
    JsonNode endpoint = register("/hooks", "REPORT_WITHDRAWN");
    long reportId = withdrawnReport();

    assertThat(node().runRound()).isEqualTo(1);

    assertThat(receiver.requests).hasSize(1);
    Receiver.Request request = receiver.requests.get(0);
    String body = new String(request.body(), StandardCharsets.UTF_8);
    String timestamp = request.header("ShipDelay-Timestamp");
    assertThat(request.header("ShipDelay-Signature"))
        .isEqualTo(hmac(endpoint.get("secret").asText(), timestamp + "." + body));
    assertThat(Long.parseLong(timestamp)).isEqualTo(clock.instant().getEpochSecond());
    assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + receiver.port());
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.path()).isEqualTo("/hooks");
    JsonNode event = JSON.readTree(body);
    assertThat(event.get("id").asText()).isEqualTo(request.header("ShipDelay-Event-Id"));
    assertThat(event.get("type").asText()).isEqualTo("REPORT_WITHDRAWN");
    assertThat(event.get("reportId").asLong()).isEqualTo(reportId);
    assertThat(Instant.parse(event.get("at").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(event.get("data").get("id").asLong()).isEqualTo(reportId);
    assertThat(event.get("data").get("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(event.get("data").get("type").asText()).isEqualTo("SPECIAL_ORDER");
    assertThat(event.get("data").get("orderCount").asInt()).isEqualTo(1);
    assertThat(event.get("data").get("message").asText()).contains("已撤回");
    // a wrong secret does not verify: the check above could fail
    assertThat(request.header("ShipDelay-Signature"))
        .isNotEqualTo(hmac("whsec_other", timestamp + "." + body));

    JsonNode delivery = onlyDelivery(endpoint.get("id").asLong());
    assertThat(delivery.get("eventId").asText()).isEqualTo(event.get("id").asText());
    assertThat(delivery.get("eventType").asText()).isEqualTo("REPORT_WITHDRAWN");
    assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivery.get("attempt").asInt()).isEqualTo(1);
    assertThat(delivery.get("responseCode").asInt()).isEqualTo(200);
    assertThat(delivery.get("latencyMs").asInt()).isBetween(0, 10_000);
    assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
    // delivered is delivered: another round sends nothing
    clock.advance(Duration.ofHours(1));
    node().runRound();
    assertThat(receiver.requests).hasSize(1);
  }

  @Test
  void onlySubscribedTypesAreRecordedAndNothingOfARolledBackChange() {
    register("/hooks", "REPORT_APPROVED");
    withdrawnReport(); // REPORT_WITHDRAWN: not subscribed
    new TransactionTemplate(transactions)
        .executeWithoutResult(
            status -> {
              notifications.notify(merchant.id(), null, NotificationType.REPORT_APPROVED, "回滚的通知");
              status.setRollbackOnly();
            });

    assertThat(
            data.count("select count(*) from webhook_event where merchant_id = ?", merchant.id()))
        .isZero();
    notifications.notify(merchant.id(), null, NotificationType.REPORT_APPROVED, "提交的通知");
    assertThat(
            data.count("select count(*) from webhook_event where merchant_id = ?", merchant.id()))
        .isEqualTo(1);
  }

  @Test
  void aReceiverThatIsDownGetsTheEventOnceItIsBack() throws Exception {
    long endpointId = register("/down", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    receiver.stop();
    WebhookDispatcher dispatcher = node();

    dispatcher.runRound();
    JsonNode failed = onlyDelivery(endpointId);
    assertThat(failed.get("status").asText()).isEqualTo("PENDING");
    assertThat(failed.get("attempt").asInt()).isEqualTo(1);
    assertThat(failed.get("error").asText()).isEqualTo("CONNECTION_REFUSED");
    Instant next = Instant.parse(failed.get("nextAttemptAt").asText());
    assertThat(next).isAfter(clock.instant()).isBefore(clock.instant().plusSeconds(60));

    dispatcher.runRound(); // not due yet
    assertThat(onlyDelivery(endpointId).get("attempt").asInt()).isEqualTo(1);

    receiver.start();
    clock.set(next);
    dispatcher.runRound();
    JsonNode delivered = onlyDelivery(endpointId);
    assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivered.get("attempt").asInt()).isEqualTo(2);
    assertThat(receiver.requestsTo("/down")).hasSize(1);
  }

  @Test
  void afterTwentyFourHoursOfFailuresTheEndpointIsFailingAndTheInboxSaysSo() throws Exception {
    long endpointId = register("/broken", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    receiver.answer = Receiver.status(500);
    WebhookDispatcher dispatcher = node();
    Instant recorded =
        jdbc.sql(
                """
                select d.created_at from webhook_delivery d where d.endpoint_id = ?
                """)
            .param(endpointId)
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant();

    List<Duration> waits = new ArrayList<>();
    JsonNode delivery = null;
    for (int round = 0; round < 40; round++) {
      dispatcher.runRound();
      delivery = onlyDelivery(endpointId);
      if (!delivery.get("status").asText().equals("PENDING")) {
        break;
      }
      Instant next = Instant.parse(delivery.get("nextAttemptAt").asText());
      waits.add(Duration.between(clock.instant(), next));
      clock.set(next);
    }

    assertThat(delivery.get("status").asText()).isEqualTo("FAILED");
    assertThat(delivery.get("responseCode").asInt()).isEqualTo(500);
    assertThat(delivery.get("attempt").asInt())
        .isEqualTo(receiver.requests.size())
        .isGreaterThan(5);
    assertThat(Instant.parse(delivery.get("at").asText()))
        .isAfterOrEqualTo(recorded.plus(Duration.ofHours(24)));
    assertThat(waits.get(0)).isLessThan(Duration.ofMinutes(1));
    assertThat(waits.get(1)).isGreaterThan(waits.get(0));
    assertThat(waits.get(4)).isGreaterThan(waits.get(1).multipliedBy(4));

    JsonNode endpoint = api.get("/api/v1/webhooks", auth).json().get("items").get(0);
    assertThat(endpoint.get("status").asText()).isEqualTo("FAILING");
    JsonNode inbox = api.get("/api/v1/notifications", auth).json();
    assertThat(inbox.get("items").get(0).get("type").asText()).isEqualTo("WEBHOOK_FAILING");
    assertThat(inbox.get("items").get(0).get("message").asText()).contains("#" + endpointId);

    // once the receiver is fixed, a redelivery succeeds and the endpoint is active again
    receiver.answer = Receiver.status(204);
    Api.Response redeliver =
        api.post(
            "/api/v1/webhooks/"
                + endpointId
                + "/deliveries/"
                + delivery.get("id").asLong()
                + "/redeliver",
            auth);
    assertThat(redeliver.status()).as(redeliver.text()).isEqualTo(202);
    clock.set(Instant.now().plusSeconds(30));
    dispatcher.runRound();
    assertThat(api.get("/api/v1/webhooks", auth).json().get("items").get(0).get("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(
            data.count(
                "select count(*) from notification where merchant_id = ? and type = 'WEBHOOK_FAILING'",
                merchant.id()))
        .isEqualTo(1);
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
    long endpointId = register("/moved", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    receiver.answer =
        exchange -> {
          exchange.getResponseHeaders().add("Location", receiver.url("/elsewhere"));
          exchange.sendResponseHeaders(302, -1);
        };

    node().runRound();

    JsonNode delivery = onlyDelivery(endpointId);
    assertThat(delivery.get("status").asText()).isEqualTo("PENDING");
    assertThat(delivery.get("responseCode").asInt()).isEqualTo(302);
    assertThat(delivery.get("error").asText()).isEqualTo("REDIRECT");
    assertThat(receiver.requestsTo("/moved")).hasSize(1);
    assertThat(receiver.requestsTo("/elsewhere")).isEmpty();
  }

  @Test
  void aSlowReceiverIsCutOffAtTheRequestTimeout() throws Exception {
    long endpointId = register("/slow", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    CountDownLatch release = new CountDownLatch(1);
    receiver.answer =
        exchange -> {
          release.await(30, TimeUnit.SECONDS); // holds the answer until the test ends
          exchange.sendResponseHeaders(200, -1);
        };
    WebhookDispatcher dispatcher = node(settings.withRequestTimeout(Duration.ofSeconds(1)));

    long start = System.nanoTime();
    dispatcher.runRound();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    JsonNode delivery = onlyDelivery(endpointId);
    assertThat(delivery.get("error").asText()).isEqualTo("TIMEOUT");
    assertThat(delivery.get("status").asText()).isEqualTo("PENDING");
    assertThat(delivery.get("latencyMs").asInt()).isBetween(900, 3000);
    assertThat(tookMillis).isLessThan(5000);
  }

  @Test
  void redeliverySendsTheSameEventAgain() throws Exception {
    long endpointId = register("/again", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    WebhookDispatcher dispatcher = node();
    dispatcher.runRound();
    JsonNode first = onlyDelivery(endpointId);

    Api.Response redeliver =
        api.post(
            "/api/v1/webhooks/"
                + endpointId
                + "/deliveries/"
                + first.get("id").asLong()
                + "/redeliver",
            auth);
    assertThat(redeliver.status()).as(redeliver.text()).isEqualTo(202);
    assertThat(redeliver.json().get("id").asLong()).isNotEqualTo(first.get("id").asLong());
    assertThat(redeliver.json().get("status").asText()).isEqualTo("PENDING");
    dispatcher.runRound();

    assertThat(receiver.requests).hasSize(2);
    assertThat(receiver.requests.get(1).header("ShipDelay-Event-Id"))
        .isEqualTo(receiver.requests.get(0).header("ShipDelay-Event-Id"))
        .isEqualTo(first.get("eventId").asText());
    JsonNode log = deliveries(endpointId);
    assertThat(log.get("total").asLong()).isEqualTo(2);
    assertThat(log.get("items").findValuesAsText("status")).containsOnly("DELIVERED");
    assertThat(
            api.post("/api/v1/webhooks/" + endpointId + "/deliveries/999999999/redeliver", auth)
                .status())
        .isEqualTo(404);
  }

  @Test
  void twoNodesNeverDeliverTheSameDeliveryTwice() throws Exception {
    register("/pair", "REPORT_EXPIRED");
    for (int i = 0; i < 24; i++) {
      notifications.notify(merchant.id(), null, NotificationType.REPORT_EXPIRED, "事件 " + i);
    }
    receiver.answer =
        exchange -> {
          Thread.sleep(20); // keeps the two nodes' rounds overlapping
          exchange.sendResponseHeaders(200, -1);
        };
    WebhookDispatcher a = node();
    WebhookDispatcher b = node();

    // deterministic half: what one node holds, the other cannot claim
    List<WebhookDispatcher.Claimed> heldByA = a.claim(2);
    assertThat(heldByA).hasSize(2);
    List<Long> claimedByB = b.claim(50).stream().map(WebhookDispatcher.Claimed::id).toList();
    assertThat(claimedByB).doesNotContainAnyElementsOf(heldByA.stream().map(c -> c.id()).toList());
    heldByA.forEach(a::attempt);
    jdbc.sql("update webhook_delivery set lease_until = null, lease_token = null where id = any(?)")
        .param(claimedByB.toArray(Long[]::new))
        .update(); // b drops its claim unsent, as a node that stopped before sending would

    // concurrent half: both nodes race through the rest
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 30 && pending() > 0; round++) {
        var fa = pool.submit(a::runRound);
        var fb = pool.submit(b::runRound);
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Long> perEvent =
        receiver.requests.stream()
            .collect(
                Collectors.groupingBy(r -> r.header("ShipDelay-Event-Id"), Collectors.counting()));
    assertThat(perEvent).hasSize(24);
    assertThat(perEvent.values()).containsOnly(1L);
    assertThat(
            data.count(
                """
                select count(*) from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                 where e.merchant_id = ? and d.status = 'DELIVERED' and d.attempt = 1
                """,
                merchant.id()))
        .isEqualTo(24);
  }

  private long pending() {
    return data.count(
        """
        select count(*) from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
         where e.merchant_id = ? and d.status = 'PENDING'
        """,
        merchant.id());
  }

  @Test
  void aRestartedNodeContinuesTheRetriesOfTheOneBefore() throws Exception {
    long endpointId = register("/restart", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    receiver.stop();
    WebhookDispatcher before = node();
    before.runRound();
    before.close(); // the node goes away with the retry scheduled
    Instant next = Instant.parse(onlyDelivery(endpointId).get("nextAttemptAt").asText());

    receiver.start();
    clock.set(next);
    node().runRound(); // a new node: nothing in memory, everything in the database

    JsonNode delivery = onlyDelivery(endpointId);
    assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivery.get("attempt").asInt()).isEqualTo(2);
    assertThat(receiver.requestsTo("/restart")).hasSize(1);
  }

  @Test
  void aDeliveryHeldByANodeThatDiedIsTakenOverWhenItsLeaseRunsOut() throws Exception {
    long endpointId = register("/orphan", "REPORT_WITHDRAWN").get("id").asLong();
    withdrawnReport();
    WebhookDispatcher dead = node();
    assertThat(dead.claim(10)).hasSize(1);
    dead.close(); // killed between claiming and sending

    WebhookDispatcher survivor = node();
    assertThat(survivor.runRound()).isZero();
    assertThat(receiver.requests).isEmpty();

    clock.advance(settings.lease().plusSeconds(1));
    assertThat(survivor.runRound()).isEqualTo(1);
    assertThat(receiver.requestsTo("/orphan")).hasSize(1);
    assertThat(onlyDelivery(endpointId).get("status").asText()).isEqualTo("DELIVERED");
  }

  @Test
  void anAnnouncementTellsEachSubscribedMerchantItsOwnExemptedOrders() throws Exception {
    register("/announced", "ORDERS_EXEMPTED_BY_ANNOUNCEMENT");
    // 2035: before the windows other tests count announcements in (2036 and later)
    Instant promised = Instant.parse("2035-05-0" + (1 + (int) (merchant.id() % 8)) + "T04:00:00Z");
    data.orders(merchant, 3, "650102", promised, "PENDING_SHIPMENT");
    TestData.TestMerchant other = data.merchant();
    data.orders(other, 2, "650102", promised, "PENDING_SHIPMENT");
    String from = promised.minusSeconds(60).toString();
    String to = promised.plusSeconds(60).toString();
    Api.Response published =
        api.postJson(
            "/api/v1/admin/announcements",
            Api.ADMIN,
            """
            {"title":"乌鲁木齐天山区暂停揽收","regions":["650102"],"appliesTo":["RECEIVING"],
             "promisedFrom":"%s","promisedTo":"%s"}"""
                .formatted(from, to));
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    long announcementId = published.json().get("id").asLong();

    node().runRound();

    assertThat(receiver.requests).hasSize(1);
    JsonNode event = JSON.readTree(receiver.requests.get(0).body());
    assertThat(event.get("type").asText()).isEqualTo("ORDERS_EXEMPTED_BY_ANNOUNCEMENT");
    assertThat(event.get("reportId").isNull()).isTrue();
    assertThat(event.get("data").get("announcementId").asLong()).isEqualTo(announcementId);
    assertThat(event.get("data").get("orders").asLong()).isEqualTo(3);
    assertThat(event.get("data").get("regions").toString()).isEqualTo("[\"650102\"]");
  }
}
