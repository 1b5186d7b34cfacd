package com.shipdelay.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Announcements through REST, end to end: published by an admin, then orders synced by the platform
 * afterwards are exempt in the order list, left out of the metrics and refused in a report. Its
 * windows lie in 2037, where no other test has orders.
 */
@IntegrationTest
class AnnouncementApiTest {

  static final String ADMIN = Api.ADMIN;
  static final String REVIEWER = Api.REVIEWER;
  static final String PLATFORM = Api.bearer("dev-platform-token");
  static final String PATH = "/api/v1/admin/announcements";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong ORDER_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> announcement(
      List<String> regions, List<String> appliesTo, String from, String to) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "新疆部分地区疫情发货考核调整公告");
    body.put("regions", regions);
    body.put("appliesTo", appliesTo);
    body.put("promisedFrom", from);
    body.put("promisedTo", to);
    return body;
  }

  private Api.Response publish(Map<String, Object> body) {
    return api.postJson(PATH, ADMIN, json(body));
  }

  private static Map<String, Object> order(
      long merchantId, String promised, String receiving, String shipFrom) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("orderId", "7" + String.format("%017d", ORDER_IDS.incrementAndGet()));
    o.put("merchantId", merchantId);
    o.put("productId", "5001");
    o.put("paidAt", Instant.parse(promised).minusSeconds(86_400).toString());
    o.put("promisedShipAt", promised);
    o.put("receivingAddress", "测试收货地址 " + receiving);
    o.put("receivingRegion", receiving);
    o.put("shipFromRegion", shipFrom);
    o.put("status", "PENDING_SHIPMENT");
    return o;
  }

  private void sync(List<Map<String, Object>> orders) {
    var synced = api.postJson("/api/v1/platform/orders", PLATFORM, json(Map.of("orders", orders)));
    assertThat(synced.status()).as(synced.text()).isEqualTo(200);
  }

  private Map<String, JsonNode> exemptions(TestData.TestMerchant merchant) {
    JsonNode page =
        api.get(
                "/api/v1/orders?promisedFrom=2037-03-01T00:00:00Z&promisedTo=2037-03-04T00:00:00Z",
                Api.bearer(merchant.token()))
            .json();
    Map<String, JsonNode> byOrder = new HashMap<>();
    page.get("items").forEach(i -> byOrder.put(i.get("orderId").asText(), i.get("exemption")));
    return byOrder;
  }

  private static String report(List<String> orderIds) {
    return json(
        Map.of(
            "type", "SPECIAL_ORDER",
            "delayUntil", "2037-03-04T00:00:00Z",
            "reason", "买家同意延后发货",
            "orderIds", orderIds));
  }

  @Test
  void ordersSyncedAfterAnAnnouncementAreExemptLeftOutOfTheMetricsAndOfReports() {
    var merchant = data.merchant("3301");
    var published =
        publish(
            announcement(
                List.of("6501", "650102"),
                List.of("RECEIVING", "SHIP_FROM"),
                "2037-03-01T08:00:00+08:00",
                "2037-03-02T08:00:00+08:00"));
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    long id = published.json().get("id").asLong();
    assertThat(published.json().get("coveredOrders").asLong()).isZero();
    // 650102 lies inside 6501: the stored regions are reduced
    assertThat(published.json().get("regions").toString()).isEqualTo("[\"6501\"]");
    assertThat(published.json().get("promisedFrom").asText()).isEqualTo("2037-03-01T00:00:00Z");
    assertThat(published.json().get("createdBy").asText()).isEqualTo("admin");

    // synced after the announcement
    var receivingInside = order(merchant.id(), "2037-03-01T10:00:00Z", "650102", "3301");
    var shipFromInside = order(merchant.id(), "2037-03-01T11:00:00Z", "110105", "650103");
    var outsideRegion = order(merchant.id(), "2037-03-01T12:00:00Z", "110105", "3301");
    var atWindowEnd = order(merchant.id(), "2037-03-02T00:00:00Z", "650102", "3301");
    sync(List.of(receivingInside, shipFromInside, outsideRegion, atWindowEnd));
    String o1 = (String) receivingInside.get("orderId");
    String o2 = (String) shipFromInside.get("orderId");
    String o3 = (String) outsideRegion.get("orderId");
    String o4 = (String) atWindowEnd.get("orderId");

    Map<String, JsonNode> exemptions = exemptions(merchant);
    assertThat(exemptions).containsOnlyKeys(o1, o2, o3, o4);
    for (String exempt : List.of(o1, o2)) {
      assertThat(exemptions.get(exempt).get("source").asText()).isEqualTo("ANNOUNCEMENT");
      assertThat(exemptions.get(exempt).get("refId").asLong()).isEqualTo(id);
      assertThat(exemptions.get(exempt).get("until").asText()).isEqualTo("2037-03-02T00:00:00Z");
    }
    assertThat(exemptions.get(o3).isNull()).isTrue();
    assertThat(exemptions.get(o4).isNull()).isTrue(); // the window is half-open
    JsonNode one = api.get("/api/v1/orders/" + o2, Api.bearer(merchant.token())).json();
    assertThat(one.get("exemption").get("source").asText()).isEqualTo("ANNOUNCEMENT");

    // the metrics: 4 due, 2 exempt by the announcement, the other 2 not yet due (2037)
    JsonNode metrics =
        api.get(
                "/api/v1/metrics/shipping?from=2037-03-01T00:00:00Z&to=2037-03-04T00:00:00Z",
                Api.bearer(merchant.token()))
            .json();
    assertThat(metrics.get("counts").get("due").asLong()).isEqualTo(4);
    assertThat(metrics.get("counts").get("exemptByAnnouncement").asLong()).isEqualTo(2);
    assertThat(metrics.get("counts").get("exemptByReport").asLong()).isZero();
    assertThat(metrics.get("counts").get("counted").asLong()).isZero();
    assertThat(metrics.get("onTimeShipmentRate").isNull()).isTrue();

    // a report of exempt orders only is refused, naming the announcement
    var refused =
        api.postJson(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), report(List.of(o1, o2)));
    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("NO_ELIGIBLE_ORDERS");
    assertThat(refused.json().get("errors").findValuesAsText("reason"))
        .containsExactly("EXEMPT_BY_ANNOUNCEMENT", "EXEMPT_BY_ANNOUNCEMENT");
    assertThat(refused.json().get("errors").get(0).get("message").asText())
        .isEqualTo("已因公告 " + id + " 豁免，无需报备");

    // with an order outside the announcement it goes ahead and lists the exempt one as left out
    var filed =
        api.postJson(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), report(List.of(o1, o4)));
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    assertThat(filed.json().get("orderCount").asInt()).isEqualTo(1);
    JsonNode excluded = filed.json().get("excludedOrders");
    assertThat(excluded).hasSize(1);
    assertThat(excluded.get(0).get("orderId").asText()).isEqualTo(o1);
    assertThat(excluded.get(0).get("reason").asText()).isEqualTo("EXEMPT_BY_ANNOUNCEMENT");

    // a later announcement counts the orders it covers now, and is listed first
    var second =
        publish(
            announcement(
                List.of("11"),
                List.of("RECEIVING"),
                "2037-03-01T00:00:00Z",
                "2037-03-03T00:00:00Z"));
    assertThat(second.status()).as(second.text()).isEqualTo(201);
    assertThat(second.json().get("coveredOrders").asLong()).isEqualTo(2); // o2 and o3
    long secondId = second.json().get("id").asLong();
    exemptions = exemptions(merchant);
    assertThat(exemptions.get(o2).get("refId").asLong()).isEqualTo(id); // the older one is shown
    assertThat(exemptions.get(o3).get("refId").asLong()).isEqualTo(secondId);

    JsonNode list = api.get(PATH + "?page=0&size=1", ADMIN).json();
    assertThat(list.get("page").asInt()).isZero();
    assertThat(list.get("size").asInt()).isEqualTo(1);
    assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(list.get("items")).hasSize(1);
    assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(secondId);
    assertThat(list.get("items").get(0).get("appliesTo").toString()).isEqualTo("[\"RECEIVING\"]");
  }

  @Test
  void anAnnouncementCoversAnOrderWhenAnyRegionItsAddressNamesLiesInside() {
    // June 2036: before the windows the other tests count announcements in
    var merchant = data.merchant("3301");
    // the guide's dual address: received in Xi'an (the first place named), also naming Ürümqi
    var dual = order(merchant.id(), "2036-06-11T10:00:00Z", null, "3301");
    dual.remove("receivingRegion");
    dual.put("receivingAddress", "陕西省西安市新疆乌鲁木齐xxxxxx");
    // the platform names the receiving district; the address also names a place in Xinjiang
    var explicit = order(merchant.id(), "2036-06-11T11:00:00Z", "610113", "3301");
    explicit.put("receivingAddress", "陕西省西安市雁塔区 转寄新疆乌鲁木齐市天山区");
    var xian = order(merchant.id(), "2036-06-11T12:00:00Z", null, "3301");
    xian.remove("receivingRegion");
    xian.put("receivingAddress", "陕西省西安市雁塔区小寨东路1号");
    var street = order(merchant.id(), "2036-06-11T13:00:00Z", null, "3301");
    street.remove("receivingRegion");
    street.put("receivingAddress", "广东省深圳市福田区西藏路8号");
    sync(List.of(dual, explicit, xian, street));

    var published =
        publish(
            announcement(
                List.of("65"),
                List.of("RECEIVING"),
                "2036-06-11T00:00:00Z",
                "2036-06-12T00:00:00Z"));
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    long id = published.json().get("id").asLong();

    assertThat(published.json().get("coveredOrders").asLong()).isEqualTo(2);
    for (var covered : List.of(dual, explicit)) {
      JsonNode one =
          api.get("/api/v1/orders/" + covered.get("orderId"), Api.bearer(merchant.token())).json();
      assertThat(one.get("dualAddress").asBoolean()).isTrue();
      assertThat(one.get("exemption").get("source").asText()).isEqualTo("ANNOUNCEMENT");
      assertThat(one.get("exemption").get("refId").asLong()).isEqualTo(id);
    }
    JsonNode withRegion =
        api.get("/api/v1/orders/" + explicit.get("orderId"), Api.bearer(merchant.token())).json();
    assertThat(withRegion.get("receivingRegion").asText()).isEqualTo("610113");
    assertThat(withRegion.get("addressRegions").toString()).isEqualTo("[\"610113\",\"650102\"]");
    for (var notCovered : List.of(xian, street)) {
      JsonNode one =
          api.get("/api/v1/orders/" + notCovered.get("orderId"), Api.bearer(merchant.token()))
              .json();
      assertThat(one.get("dualAddress").asBoolean()).isFalse();
      assertThat(one.get("exemption").isNull()).as(one.toString()).isTrue();
    }
    JsonNode metrics =
        api.get(
                "/api/v1/metrics/shipping?from=2036-06-11T00:00:00Z&to=2036-06-12T00:00:00Z",
                Api.bearer(merchant.token()))
            .json();
    assertThat(metrics.get("counts").get("exemptByAnnouncement").asLong()).isEqualTo(2);

    // a lockdown at the other end: Xi'an covers the dual address and the two Xi'an orders
    var xianAnnouncement =
        publish(
            announcement(
                List.of("6101"),
                List.of("RECEIVING", "SHIP_FROM"),
                "2036-06-11T00:00:00Z",
                "2036-06-12T00:00:00Z"));
    assertThat(xianAnnouncement.json().get("coveredOrders").asLong()).isEqualTo(3);
  }

  @Test
  void reportExemptionWinsOverAnAnnouncementInTheOrderList() {
    var merchant = data.merchant("3301");
    var published =
        publish(
            announcement(
                List.of("65"),
                List.of("RECEIVING"),
                "2037-03-03T00:00:00Z",
                "2037-03-04T00:00:00Z"));
    assertThat(published.status()).as(published.text()).isEqualTo(201);
    var o = order(merchant.id(), "2037-03-03T10:00:00Z", "650102", "3301");
    sync(List.of(o));
    String orderId = (String) o.get("orderId");
    assertThat(exemptions(merchant).get(orderId).get("source").asText()).isEqualTo("ANNOUNCEMENT");
    // as an approved report 777 leaves it (Exemptions.exemptReportOrders)
    data.count(
        "with i as (insert into order_exemption (order_id, report_id, exempt_until)"
            + " values (?, 777, ?::timestamptz) returning 1)"
            + " select count(*) from i",
        orderId,
        "2037-03-05T00:00:00Z");

    JsonNode exemption = exemptions(merchant).get(orderId);

    assertThat(exemption.get("source").asText()).isEqualTo("REPORT");
    assertThat(exemption.get("refId").asLong()).isEqualTo(777);
    assertThat(exemption.get("until").asText()).isEqualTo("2037-03-05T00:00:00Z");
  }

  @Test
  void invalidAnnouncementsAreRefusedWithTheirCodes() {
    var unknownRegion =
        publish(
            announcement(
                List.of("65", "999999"),
                List.of("RECEIVING"),
                "2037-04-01T00:00:00Z",
                "2037-04-02T00:00:00Z"));
    assertThat(unknownRegion.status()).isEqualTo(422);
    assertThat(unknownRegion.json().get("code").asText()).isEqualTo("UNKNOWN_REGION");
    assertThat(unknownRegion.json().get("errors").get(0).get("message").asText())
        .contains("999999");

    var emptyWindow =
        publish(
            announcement(
                List.of("65"),
                List.of("RECEIVING"),
                "2037-04-02T00:00:00Z",
                "2037-04-02T00:00:00Z"));
    assertThat(emptyWindow.status()).isEqualTo(422);
    assertThat(emptyWindow.json().get("code").asText()).isEqualTo("INVALID_WINDOW");

    var missing = new HashMap<>(announcement(List.of(), List.of(), null, "2037-04-02T00:00:00Z"));
    missing.put("title", " ");
    var malformed = publish(missing);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(malformed.json().get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("title", "regions", "appliesTo", "promisedFrom");

    var badAppliesTo =
        publish(
            announcement(
                List.of("65"), List.of("BILLING"), "2037-04-01T00:00:00Z", "2037-04-02T00:00:00Z"));
    assertThat(badAppliesTo.status()).isEqualTo(400);
    assertThat(badAppliesTo.json().get("errors").findValuesAsText("field"))
        .containsExactly("appliesTo");

    assertThat(
            data.count(
                "select count(*) from announcement where promised_from >= '2037-04-01T00:00:00Z'"))
        .isZero();
  }

  @Test
  void onlyAdminsMayPublishOrListAnnouncements() {
    var merchant = data.merchant();
    String body =
        json(
            announcement(
                List.of("65"),
                List.of("RECEIVING"),
                "2037-05-01T00:00:00Z",
                "2037-05-02T00:00:00Z"));

    var anonymous = api.postJson(PATH, null, body);
    var merchantToken = api.postJson(PATH, Api.bearer(merchant.token()), body);
    var reviewer = api.postJson(PATH, REVIEWER, body);
    // an unknown user, not a wrong admin password: Camunda delays the next logins after a miss
    var unknownUser = api.postJson(PATH, Api.basic("nobody", "nothing"), body);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(merchantToken.status()).isEqualTo(401);
    assertThat(merchantToken.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(reviewer.status()).isEqualTo(403);
    assertThat(reviewer.json().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(api.get(PATH, Api.bearer(merchant.token())).status()).isEqualTo(401);
    assertThat(api.get(PATH, REVIEWER).status()).isEqualTo(403);
    assertThat(
            data.count(
                "select count(*) from announcement where promised_from = '2037-05-01T00:00:00Z'"))
        .isZero();
    assertThat(api.get(PATH, ADMIN).status()).isEqualTo(200);
  }
}
