package com.shipdelay.order;

import static com.shipdelay.order.PlatformOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The merchant's order list and order detail, through HTTP, with orders pushed by the platform. */
@IntegrationTest
class OrderQueryApiTest {

  static final Instant T0 = Instant.parse("2031-05-01T00:00:00Z");

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  PlatformOrders platform;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    platform = new PlatformOrders(api);
    merchant = data.merchant("6101");
  }

  private Api.Response list(String query) {
    return api.get("/api/v1/orders" + query, Api.bearer(merchant.token()));
  }

  private List<String> listed(String query) {
    var response = list(query);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json().get("items").findValuesAsText("orderId");
  }

  private static String at(Instant instant) {
    // with an offset, as clients send it; '+' must be encoded in a query string
    return URLEncoder.encode(
        OffsetDateTime.ofInstant(instant, ZoneOffset.ofHours(8)).toString(),
        StandardCharsets.UTF_8);
  }

  private String store(Map<String, Object> order) {
    return platform.store(List.of(order)).get(0);
  }

  @Test
  void pagesByPromisedShipTimeWithATotal() {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      orders.add(order(merchant.id(), T0.plus(i, ChronoUnit.HOURS), "610113"));
    }
    // the same promised time as the first one: order id decides
    var twin = order(merchant.id(), T0, "610113");
    twin.put("orderId", "1" + orders.get(0).get("orderId"));
    orders.add(twin);
    List<Map<String, Object>> shuffled = new ArrayList<>(orders);
    Collections.shuffle(shuffled);
    platform.store(shuffled);
    List<String> expected = new ArrayList<>();
    expected.add((String) twin.get("orderId"));
    expected.add((String) orders.get(0).get("orderId"));
    for (int i = 1; i < 7; i++) {
      expected.add((String) orders.get(i).get("orderId"));
    }
    // (promised, order id): the twin's "18…" sorts before the first order's "8…"

    var first = list("?page=0&size=3").json();
    assertThat(first.get("page").asInt()).isZero();
    assertThat(first.get("size").asInt()).isEqualTo(3);
    assertThat(first.get("total").asLong()).isEqualTo(8);
    assertThat(first.get("items").findValuesAsText("orderId"))
        .containsExactlyElementsOf(expected.subList(0, 3));
    assertThat(listed("?page=1&size=3")).containsExactlyElementsOf(expected.subList(3, 6));
    assertThat(listed("?page=2&size=3")).containsExactlyElementsOf(expected.subList(6, 8));
    var beyond = list("?page=5&size=3").json();
    assertThat(beyond.get("items")).isEmpty();
    assertThat(beyond.get("total").asLong()).isEqualTo(8);
    var all = list("").json();
    assertThat(all.get("size").asInt()).isEqualTo(50);
    assertThat(all.get("items").findValuesAsText("orderId")).containsExactlyElementsOf(expected);
    assertThat(list("?size=500").status()).isEqualTo(200);
  }

  @Test
  void pageSizeAbove500OrBadPagingIsABadRequest() {
    for (String query : List.of("?size=501", "?size=0", "?page=-1")) {
      var response = list(query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }
    assertThat(list("?size=501").json().get("errors").findValuesAsText("field"))
        .containsExactly("size");
  }

  @Test
  void itemsCarryEveryFieldWithTimesInUtc() {
    var o = order(merchant.id(), T0, "610113");
    o.put("promisedShipAt", "2031-05-01T08:00:00+08:00");
    o.put("paidAt", "2031-04-30T20:30:00+08:00");
    o.put("productId", "7788");
    o.put("receivingAddress", "陕西省西安市雁塔区小寨东路1号");
    String id = store(o);
    Instant shipped = Instant.parse("2031-04-30T23:00:00Z");
    Instant picked = Instant.parse("2031-05-01T01:00:00Z");
    platform.event(id, "SHIPPED", shipped);
    platform.event(id, "PICKED_UP", picked);

    JsonNode item = list("").json().get("items").get(0);

    assertThat(item.get("orderId").asText()).isEqualTo(id);
    assertThat(item.get("productId").asText()).isEqualTo("7788");
    assertThat(item.get("status").asText()).isEqualTo("SHIPPED");
    assertThat(item.get("paidAt").asText()).isEqualTo("2031-04-30T12:30:00Z");
    assertThat(item.get("promisedShipAt").asText()).isEqualTo("2031-05-01T00:00:00Z");
    assertThat(item.get("shippedAt").asText()).isEqualTo("2031-04-30T23:00:00Z");
    assertThat(item.get("pickedUpAt").asText()).isEqualTo("2031-05-01T01:00:00Z");
    assertThat(item.get("receivingAddress").asText()).isEqualTo("陕西省西安市雁塔区小寨东路1号");
    assertThat(item.get("receivingRegion").asText()).isEqualTo("610113");
    assertThat(item.get("addressRegions").toString()).isEqualTo("[\"610113\"]");
    assertThat(item.get("dualAddress").asBoolean()).isFalse();
    assertThat(item.get("shipFromRegion").asText()).isEqualTo("3301");
    assertThat(item.has("report")).isTrue();
    assertThat(item.get("report").isNull()).isTrue();
    assertThat(item.get("exemption").isNull()).isTrue();

    var one = api.get("/api/v1/orders/" + id, Api.bearer(merchant.token()));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json()).isEqualTo(item);
  }

  @Test
  void filtersByStatus() {
    String pending = store(order(merchant.id(), T0, "610113"));
    String shipped = store(order(merchant.id(), T0.plusSeconds(60), "610113"));
    String cancelled = store(order(merchant.id(), T0.plusSeconds(120), "610113"));
    assertThat(platform.event(shipped, "SHIPPED", T0).status()).isEqualTo(204);
    assertThat(platform.event(cancelled, "CANCELLED", T0).status()).isEqualTo(204);

    assertThat(listed("")).containsExactly(pending, shipped, cancelled);
    assertThat(listed("?status=PENDING_SHIPMENT")).containsExactly(pending);
    assertThat(listed("?status=SHIPPED")).containsExactly(shipped);
    assertThat(listed("?status=CANCELLED")).containsExactly(cancelled);
    assertThat(list("?status=SHIPPED").json().get("total").asLong()).isEqualTo(1);

    var unknown = list("?status=LOST");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("status");
  }

  @Test
  void filtersByAHalfOpenPromisedTimeRange() {
    Instant t1 = T0.plus(1, ChronoUnit.HOURS);
    Instant t2 = T0.plus(2, ChronoUnit.HOURS);
    String a = store(order(merchant.id(), T0, "610113"));
    String b = store(order(merchant.id(), t1, "610113"));
    String c = store(order(merchant.id(), t2, "610113"));

    assertThat(listed("?promisedFrom=" + at(T0) + "&promisedTo=" + at(t2))).containsExactly(a, b);
    assertThat(listed("?promisedFrom=" + at(t1))).containsExactly(b, c);
    assertThat(listed("?promisedTo=" + at(t1))).containsExactly(a);
    assertThat(listed("?promisedFrom=" + at(t2) + "&promisedTo=" + at(t2))).isEmpty();
    assertThat(
            list("?promisedFrom=" + at(T0) + "&promisedTo=" + at(t2)).json().get("total").asLong())
        .isEqualTo(2);
    assertThat(list("?promisedFrom=" + at(t2) + "&promisedTo=" + at(T0)).status()).isEqualTo(400);
    assertThat(list("?promisedFrom=yesterday").status()).isEqualTo(400);
  }

  @Test
  void filtersByAnyOfSeveralProducts() {
    List<String> ids = new ArrayList<>();
    for (String product : List.of("5001", "5002", "5003")) {
      var o = order(merchant.id(), T0.plusSeconds(ids.size()), "610113");
      o.put("productId", product);
      ids.add(store(o));
    }

    assertThat(listed("?productId=5002")).containsExactly(ids.get(1));
    assertThat(listed("?productId=5001&productId=5003")).containsExactly(ids.get(0), ids.get(2));
    assertThat(listed("?productId=6000")).isEmpty();
  }

  @Test
  void filtersByRegionAtProvinceCityAndDistrictLevel() {
    List<String> ids = new ArrayList<>();
    for (String region : List.of("610113", "610102", "610202", "650102", "110105")) {
      ids.add(store(order(merchant.id(), T0.plusSeconds(ids.size()), region)));
    }
    var unplaced = order(merchant.id(), T0.plusSeconds(10), null);
    unplaced.remove("receivingRegion");
    unplaced.put("receivingAddress", "无法识别的地址");
    store(unplaced);

    assertThat(listed("?region=61")).containsExactly(ids.get(0), ids.get(1), ids.get(2));
    assertThat(listed("?region=6101")).containsExactly(ids.get(0), ids.get(1));
    assertThat(listed("?region=610113")).containsExactly(ids.get(0));
    assertThat(listed("?region=6101&region=65"))
        .containsExactly(ids.get(0), ids.get(1), ids.get(3));
    assertThat(list("?region=61").json().get("total").asLong()).isEqualTo(3);
    assertThat(listed("")).hasSize(6);

    var unknown = list("?region=61&region=6199");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("code").asText()).isEqualTo("UNKNOWN_REGION");
    assertThat(unknown.json().get("errors").findValuesAsText("message"))
        .singleElement()
        .asString()
        .contains("6199");
  }

  @Test
  void aDualAddressShowsEveryRegionAndTheFilterMatchesAnyOfThem() {
    var dual = order(merchant.id(), T0, null);
    dual.remove("receivingRegion");
    dual.put("receivingAddress", "陕西省西安市新疆乌鲁木齐xxxxxx");
    String dualId = store(dual);
    var street = order(merchant.id(), T0.plusSeconds(1), null);
    street.remove("receivingRegion");
    street.put("receivingAddress", "上海市黄浦区北京东路100号");
    String streetId = store(street);
    String xinjiang = store(order(merchant.id(), T0.plusSeconds(2), "650102"));

    JsonNode item = api.get("/api/v1/orders/" + dualId, Api.bearer(merchant.token())).json();
    assertThat(item.get("receivingRegion").asText()).as("the first place named").isEqualTo("6101");
    assertThat(item.get("addressRegions").toString()).isEqualTo("[\"6101\",\"6501\"]");
    assertThat(item.get("dualAddress").asBoolean()).isTrue();
    JsonNode plain = api.get("/api/v1/orders/" + streetId, Api.bearer(merchant.token())).json();
    assertThat(plain.get("addressRegions").toString()).isEqualTo("[\"310101\"]");
    assertThat(plain.get("dualAddress").asBoolean()).as("北京东路 is a street").isFalse();

    assertThat(listed("?region=65")).containsExactly(dualId, xinjiang);
    assertThat(listed("?region=6501")).containsExactly(dualId, xinjiang);
    assertThat(listed("?region=650102")).containsExactly(xinjiang);
    assertThat(listed("?region=61")).containsExactly(dualId);
    assertThat(listed("?region=11")).as("a street named after Beijing").isEmpty();
    assertThat(listed("?region=31")).containsExactly(streetId);
    assertThat(list("?region=65&region=61").json().get("total").asLong()).isEqualTo(2);
  }

  @Test
  void showsTheLatestReportAndTheReportExemptionAndFiltersByReported() {
    Instant promised = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    String approved = store(order(merchant.id(), promised, "610113"));
    String rejected = store(order(merchant.id(), promised.plusSeconds(1), "610113"));
    String never = store(order(merchant.id(), promised.plusSeconds(2), "610113"));
    assertThat(listed("?reported=true")).isEmpty();
    assertThat(listed("?reported=false")).containsExactly(approved, rejected, never);

    Instant delayUntil = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
    long first = report(approved, delayUntil);
    long second = report(rejected, delayUntil);

    JsonNode pending = one(approved);
    assertThat(pending.get("report").get("reportId").asLong()).isEqualTo(first);
    assertThat(pending.get("report").get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(pending.get("exemption").isNull()).isTrue();
    assertThat(listed("?reported=true")).containsExactly(approved, rejected);
    assertThat(listed("?reported=false")).containsExactly(never);

    decide(first, "APPROVE");
    decide(second, "REJECT");

    JsonNode exempt = one(approved);
    assertThat(exempt.get("report").get("status").asText()).isEqualTo("APPROVED");
    assertThat(exempt.get("exemption").get("source").asText()).isEqualTo("REPORT");
    assertThat(exempt.get("exemption").get("refId").asLong()).isEqualTo(first);
    assertThat(exempt.get("exemption").get("until").asText()).isEqualTo(delayUntil.toString());
    JsonNode refused = one(rejected);
    assertThat(refused.get("report").get("reportId").asLong()).isEqualTo(second);
    assertThat(refused.get("report").get("status").asText()).isEqualTo("REJECTED");
    assertThat(refused.get("exemption").isNull()).isTrue();
    // an approved report still holds its order; a rejected one frees it
    assertThat(listed("?reported=true")).containsExactly(approved);
    assertThat(listed("?reported=false")).containsExactly(rejected, never);
    assertThat(list("?reported=false").json().get("total").asLong()).isEqualTo(2);

    long third = report(rejected, delayUntil);
    JsonNode latest = one(rejected);
    assertThat(latest.get("report").get("reportId").asLong())
        .isEqualTo(third)
        .isGreaterThan(second);
    assertThat(latest.get("report").get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(listed("?reported=true&status=PENDING_SHIPMENT"))
        .containsExactly(approved, rejected);
  }

  @Test
  void anotherMerchantsOrderOrAnUnknownOneIsNotFound() {
    String mine = store(order(merchant.id(), T0, "610113"));
    var other = data.merchant();
    String theirs = store(order(other.id(), T0, "610113"));

    var foreign = api.get("/api/v1/orders/" + theirs, Api.bearer(merchant.token()));
    var unknown = api.get("/api/v1/orders/999000111222333", Api.bearer(merchant.token()));

    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(foreign.text()).doesNotContain("610113");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(listed("")).containsExactly(mine);
    assertThat(api.get("/api/v1/orders/" + theirs, Api.bearer(other.token())).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/orders", null).status()).isEqualTo(401);
  }

  private JsonNode one(String orderId) {
    var response = api.get("/api/v1/orders/" + orderId, Api.bearer(merchant.token()));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  private long report(String orderId, Instant delayUntil) {
    // with the PRICING_PROOF that MERCHANT_FACTOR requires, so the report reaches review
    var created =
        Filing.file(
            api,
            merchant,
            """
            {"type":"MERCHANT_FACTOR","delayUntil":"%s","reason":"价格设置错误导致订单激增",
             "orderIds":["%s"]}"""
                .formatted(delayUntil, orderId),
            "PRICING_PROOF");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(1);
    return created.json().get("id").asLong();
  }

  private void decide(long reportId, String decision) {
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(Long.toString(reportId))
            .singleResult()
            .getId();
    data.runJobs(pi);
    Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
    tasks.complete(task.getId(), Map.of("decision", decision, "comment", "审核意见"));
    data.runJobs(pi);
  }
}
