package com.shipdelay.order;

import static com.shipdelay.order.PlatformOrders.PLATFORM;
import static com.shipdelay.order.PlatformOrders.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The platform's order sync and shipment events, through HTTP and PostgreSQL. */
@IntegrationTest
class PlatformOrderApiTest {

  static final Instant PROMISED = Instant.parse("2031-03-03T02:00:00Z");

  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
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

  private Map<String, Object> row(String orderId) {
    return jdbc.sql("select * from orders where order_id = ?").param(orderId).query().singleRow();
  }

  private long stored(List<String> orderIds) {
    return data.count(
        "select count(*) from orders where order_id = any(?)",
        (Object) orderIds.toArray(String[]::new));
  }

  private static List<String> ids(List<Map<String, Object>> orders) {
    return orders.stream().map(o -> (String) o.get("orderId")).toList();
  }

  @Test
  void upsertStoresOrdersAndDerivesAMissingReceivingRegion() {
    var explicit = order(merchant.id(), PROMISED, "610113");
    explicit.put("promisedShipAt", "2031-03-03T10:00:00+08:00");
    var derived = order(merchant.id(), PROMISED, null);
    derived.remove("receivingRegion");
    derived.remove("status");
    derived.remove("shipFromRegion");
    derived.put("receivingAddress", "某个解析器认不出的地方 xyz");

    var response = platform.upsert(List.of(explicit, derived));

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("upserted").asInt()).isEqualTo(2);
    var first = row((String) explicit.get("orderId"));
    assertThat(first.get("merchant_id")).isEqualTo(merchant.id());
    assertThat(first.get("receiving_region")).isEqualTo("610113");
    assertThat(first.get("ship_from_region")).isEqualTo("3301");
    assertThat(((Timestamp) first.get("promised_ship_at")).toInstant()).isEqualTo(PROMISED);
    var second = row((String) derived.get("orderId"));
    // derivation was attempted; an address naming no single place leaves the region unknown
    assertThat(second.get("receiving_region")).isNull();
    assertThat(second.get("receiving_address")).isEqualTo("某个解析器认不出的地方 xyz");
    assertThat(second.get("status")).isEqualTo("PENDING_SHIPMENT");
    assertThat(second.get("ship_from_region")).as("the merchant's").isEqualTo("6101");
  }

  private List<String> addressRegions(String orderId) {
    return jdbc.sql("select unnest(address_regions) from orders where order_id = ?")
        .param(orderId)
        .query(String.class)
        .list();
  }

  @Test
  void aDualAddressIsStoredWithEveryRegionAndTheFirstAsReceivingRegion() {
    var dual = order(merchant.id(), PROMISED, null);
    dual.remove("receivingRegion");
    dual.put("receivingAddress", "陕西省西安市新疆乌鲁木齐xxxxxx");
    var named = order(merchant.id(), PROMISED, "650102");
    named.put("receivingAddress", "陕西省西安市雁塔区小寨东路1号 收件人在新疆乌鲁木齐市天山区");
    var plain = order(merchant.id(), PROMISED, null);
    plain.remove("receivingRegion");
    plain.put("receivingAddress", "浙江省杭州市江干区景芳路3号");

    platform.store(List.of(dual, named, plain));

    var first = row((String) dual.get("orderId"));
    assertThat(first.get("receiving_region")).isEqualTo("6101");
    assertThat(first.get("dual_address")).isEqualTo(true);
    assertThat(first.get("receiving_region_given")).isEqualTo(false);
    assertThat(addressRegions((String) dual.get("orderId"))).containsExactly("6101", "6501");
    // the platform's region comes first; the place it contains is not listed again
    var second = row((String) named.get("orderId"));
    assertThat(second.get("receiving_region")).isEqualTo("650102");
    assertThat(second.get("receiving_region_given")).isEqualTo(true);
    assertThat(second.get("dual_address")).isEqualTo(true);
    assertThat(addressRegions((String) named.get("orderId"))).containsExactly("650102", "610113");
    // an old name (江干区, merged into 上城区 in 2021) resolves to the unit that covers it now
    var third = row((String) plain.get("orderId"));
    assertThat(third.get("receiving_region")).isEqualTo("330102");
    assertThat(third.get("dual_address")).isEqualTo(false);
    assertThat(addressRegions((String) plain.get("orderId"))).containsExactly("330102");
  }

  @Test
  void anUnchangedAddressSentWithoutARegionKeepsTheRegionsItHad() {
    var o = order(merchant.id(), PROMISED, "650102");
    o.put("receivingAddress", "某个解析器认不出的地方 xyz");
    String id = platform.store(List.of(o)).get(0);

    o.remove("receivingRegion");
    platform.store(List.of(o));

    assertThat(row(id).get("receiving_region")).isEqualTo("650102");
    assertThat(row(id).get("receiving_region_given")).isEqualTo(true);
    assertThat(addressRegions(id)).containsExactly("650102");

    o.put("receivingAddress", "另一个认不出的地方 abc");
    platform.store(List.of(o));

    assertThat(row(id).get("receiving_region")).as("a new address, re-derived").isNull();
    assertThat(addressRegions(id)).isEmpty();
  }

  @Test
  void upsertUpdatesAKnownOrderButKeepsShipmentPickupAndExemption() {
    var o = order(merchant.id(), PROMISED, "610113");
    String id = platform.store(List.of(o)).get(0);
    Instant shipped = Instant.parse("2031-03-02T01:00:00Z");
    Instant picked = Instant.parse("2031-03-02T05:00:00Z");
    Instant exemptUntil = Instant.parse("2031-03-09T00:00:00Z");
    jdbc.sql(
            """
            update orders set status = 'SHIPPED', shipped_at = ?, picked_up_at = ?
             where order_id = ?
            """)
        .params(Timestamp.from(shipped), Timestamp.from(picked), id)
        .update();
    jdbc.sql(
            "insert into order_exemption (order_id, report_id, exempt_until) values (?, 424242, ?)")
        .params(id, Timestamp.from(exemptUntil))
        .update();

    o.put("productId", "5002");
    o.put("promisedShipAt", PROMISED.plusSeconds(3600).toString());
    o.put("receivingAddress", "新地址");
    o.put("receivingRegion", "650102");
    o.put("status", "PENDING_SHIPMENT");
    var response = platform.upsert(List.of(o));

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("upserted").asInt()).isEqualTo(1);
    var after = row(id);
    assertThat(after.get("product_id")).isEqualTo("5002");
    assertThat(((Timestamp) after.get("promised_ship_at")).toInstant())
        .isEqualTo(PROMISED.plusSeconds(3600));
    assertThat(after.get("receiving_address")).isEqualTo("新地址");
    assertThat(after.get("receiving_region")).isEqualTo("650102");
    assertThat(after.get("status")).as("a shipped order is not reopened").isEqualTo("SHIPPED");
    assertThat(((Timestamp) after.get("shipped_at")).toInstant()).isEqualTo(shipped);
    assertThat(((Timestamp) after.get("picked_up_at")).toInstant()).isEqualTo(picked);
    var exemption =
        jdbc.sql("select report_id, exempt_until from order_exemption where order_id = ?")
            .param(id)
            .query()
            .singleRow();
    assertThat(exemption.get("report_id")).isEqualTo(424242L);
    assertThat(((Timestamp) exemption.get("exempt_until")).toInstant()).isEqualTo(exemptUntil);
  }

  @Test
  void aPendingOrderTakesTheSyncedStatus() {
    var o = order(merchant.id(), PROMISED, "610113");
    String id = platform.store(List.of(o)).get(0);

    o.put("status", "CANCELLED");
    platform.store(List.of(o));

    assertThat(row(id).get("status")).isEqualTo("CANCELLED");
  }

  @Test
  void missingAndMalformedFieldsAreListedPerOrderAndNothingIsSaved() {
    var good = order(merchant.id(), PROMISED, "610113");
    var missing = order(merchant.id(), PROMISED, "610113");
    missing.remove("productId");
    missing.remove("promisedShipAt");
    var malformed = order(merchant.id(), PROMISED, "610113");
    malformed.put("orderId", "12ab");
    malformed.put("status", "LOST");
    var noId = order(merchant.id(), PROMISED, "610113");
    noId.remove("orderId");
    noId.put("receivingAddress", " ");
    var duplicate = new java.util.LinkedHashMap<>(good);

    var response = platform.upsert(List.of(good, missing, malformed, noId, duplicate));

    assertThat(response.status()).as(response.text()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    var errors = response.json().get("errors");
    List<String> found = new ArrayList<>();
    errors.forEach(
        e ->
            found.add(
                e.get("index").asInt()
                    + ":"
                    + (e.has("orderId") ? e.get("orderId").asText() : "-")
                    + ":"
                    + e.get("field").asText()));
    String missingId = (String) missing.get("orderId");
    assertThat(found)
        .containsExactlyInAnyOrder(
            "1:" + missingId + ":productId",
            "1:" + missingId + ":promisedShipAt",
            "2:12ab:orderId",
            "2:12ab:status",
            "3:-:orderId",
            "3:-:receivingAddress",
            "4:" + good.get("orderId") + ":orderId");
    errors.forEach(e -> assertThat(e.get("message").asText()).isNotBlank());
    assertThat(stored(List.of((String) good.get("orderId"), missingId))).isZero();
  }

  @Test
  void unknownMerchantsAndRegionsAreRefusedWithEveryBadOrderAndNothingIsSaved() {
    var good = order(merchant.id(), PROMISED, "610113");
    var noMerchant = order(987_654_321L, PROMISED, "610113");
    var badRegion = order(merchant.id(), PROMISED, "619999");
    var badShipFrom = order(merchant.id(), PROMISED, "610113");
    badShipFrom.put("shipFromRegion", "99");

    var response = platform.upsert(List.of(good, noMerchant, badRegion, badShipFrom));

    assertThat(response.status()).as(response.text()).isEqualTo(422);
    assertThat(response.json().get("code").asText()).isEqualTo("UNKNOWN_MERCHANT");
    var errors = response.json().get("errors");
    assertThat(errors.findValuesAsText("code"))
        .containsExactly("UNKNOWN_MERCHANT", "UNKNOWN_REGION", "UNKNOWN_REGION");
    assertThat(errors.findValuesAsText("orderId"))
        .containsExactly(
            (String) noMerchant.get("orderId"),
            (String) badRegion.get("orderId"),
            (String) badShipFrom.get("orderId"));
    assertThat(errors.findValuesAsText("field"))
        .containsExactly("merchantId", "receivingRegion", "shipFromRegion");
    assertThat(stored(ids(List.of(good, noMerchant, badRegion, badShipFrom)))).isZero();

    var onlyRegion = platform.upsert(List.of(good, badRegion));
    assertThat(onlyRegion.status()).isEqualTo(422);
    assertThat(onlyRegion.json().get("code").asText()).isEqualTo("UNKNOWN_REGION");
    assertThat(stored(ids(List.of(good)))).isZero();
  }

  @Test
  void anOrderNeverMovesToAnotherMerchant() {
    var other = data.merchant();
    var taken = order(merchant.id(), PROMISED, "610113");
    String id = platform.store(List.of(taken)).get(0);
    var fresh = order(other.id(), PROMISED, "610113");
    taken.put("merchantId", other.id());
    taken.put("productId", "9999");

    var response = platform.upsert(List.of(fresh, taken));

    assertThat(response.status()).as(response.text()).isEqualTo(422);
    assertThat(response.json().get("code").asText()).isEqualTo("ORDER_MERCHANT_MISMATCH");
    assertThat(response.json().get("errors").findValuesAsText("orderId")).containsExactly(id);
    assertThat(response.json().get("errors").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(row(id).get("merchant_id")).isEqualTo(merchant.id());
    assertThat(row(id).get("product_id")).isEqualTo("5001");
    assertThat(stored(ids(List.of(fresh)))).isZero();
  }

  @Test
  void tenThousandOrdersAreStoredInOneCall() {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 0; i < OrderSync.MAX_ORDERS; i++) {
      orders.add(order(merchant.id(), PROMISED.plusSeconds(i), i % 2 == 0 ? "610113" : "650102"));
    }

    var response = platform.upsert(orders);

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.json().get("upserted").asInt()).isEqualTo(10_000);
    assertThat(data.count("select count(*) from orders where merchant_id = ?", merchant.id()))
        .isEqualTo(10_000);
    assertThat(
            data.count(
                "select count(*) from orders where merchant_id = ? and receiving_region = '650102'",
                merchant.id()))
        .isEqualTo(5_000);

    // the same call again updates them all and adds none
    assertThat(platform.upsert(orders).json().get("upserted").asInt()).isEqualTo(10_000);
    assertThat(data.count("select count(*) from orders where merchant_id = ?", merchant.id()))
        .isEqualTo(10_000);
  }

  @Test
  void moreThanTenThousandOrdersAreRefused() {
    List<Map<String, Object>> orders = new ArrayList<>();
    for (int i = 0; i <= OrderSync.MAX_ORDERS; i++) {
      orders.add(order(merchant.id(), PROMISED, "610113"));
    }

    var response = platform.upsert(orders);

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.json().get("code").asText()).isEqualTo("TOO_MANY_ORDERS");
    assertThat(data.count("select count(*) from orders where merchant_id = ?", merchant.id()))
        .isZero();
  }

  @Test
  void aBodyWithoutOrdersOrWithNumericOrderIdsIsABadRequest() {
    var noOrders = api.postJson("/api/v1/platform/orders", PLATFORM, "{}");
    assertThat(noOrders.status()).isEqualTo(400);
    assertThat(noOrders.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");

    String body =
        PlatformOrders.body(List.of(order(merchant.id(), PROMISED, "610113")))
            .replaceFirst("\"orderId\":\"(\\d+)\"", "\"orderId\":$1");
    var numeric = api.postJson("/api/v1/platform/orders", PLATFORM, body);
    assertThat(numeric.status()).as(body).isEqualTo(400);
    assertThat(numeric.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
  }

  @Test
  void platformEndpointsNeedThePlatformToken() {
    String body = PlatformOrders.body(List.of(order(merchant.id(), PROMISED, "610113")));
    var none = api.postJson("/api/v1/platform/orders", null, body);
    var merchantToken = api.postJson("/api/v1/platform/orders", Api.bearer(merchant.token()), body);
    var event =
        api.postJson(
            "/api/v1/platform/orders/123/events",
            Api.bearer("wrong"),
            "{\"type\":\"SHIPPED\",\"at\":\"2031-03-03T10:00:00+08:00\"}");

    assertThat(none.status()).isEqualTo(401);
    assertThat(merchantToken.status()).isEqualTo(401);
    assertThat(event.status()).isEqualTo(401);
    assertThat(none.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(data.count("select count(*) from orders where merchant_id = ?", merchant.id()))
        .isZero();
  }

  @Test
  void shippedThenPickedUpIsRecordedOnceEvenWhenRepeated() {
    String id = platform.store(List.of(order(merchant.id(), PROMISED, "610113"))).get(0);
    Instant shippedAt = Instant.parse("2031-03-02T01:00:00Z");
    Instant pickedAt = Instant.parse("2031-03-02T09:00:00Z");

    assertThat(platform.event(id, "PICKED_UP", pickedAt).status()).isEqualTo(409);
    var early = platform.event(id, "PICKED_UP", pickedAt);
    assertThat(early.json().get("code").asText()).isEqualTo("ORDER_NOT_SHIPPED");
    assertThat(row(id).get("picked_up_at")).isNull();

    assertThat(platform.event(id, "SHIPPED", shippedAt).status()).isEqualTo(204);
    assertThat(platform.event(id, "SHIPPED", shippedAt).status()).isEqualTo(204);
    assertThat(platform.event(id, "SHIPPED", shippedAt.plusSeconds(60)).status()).isEqualTo(204);
    assertThat(platform.event(id, "PICKED_UP", pickedAt).status()).isEqualTo(204);
    assertThat(platform.event(id, "PICKED_UP", pickedAt).status()).isEqualTo(204);

    var after = row(id);
    assertThat(after.get("status")).isEqualTo("SHIPPED");
    assertThat(((Timestamp) after.get("shipped_at")).toInstant()).isEqualTo(shippedAt);
    assertThat(((Timestamp) after.get("picked_up_at")).toInstant()).isEqualTo(pickedAt);

    var cancel = platform.event(id, "CANCELLED", pickedAt);
    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.json().get("code").asText()).isEqualTo("ORDER_ALREADY_SHIPPED");
    assertThat(row(id).get("status")).isEqualTo("SHIPPED");
  }

  @Test
  void cancelledIsRecordedOnceAndACancelledOrderCannotShip() {
    String id = platform.store(List.of(order(merchant.id(), PROMISED, "610113"))).get(0);
    Instant at = Instant.parse("2031-03-01T12:00:00Z");

    assertThat(platform.event(id, "CANCELLED", at).status()).isEqualTo(204);
    assertThat(platform.event(id, "CANCELLED", at).status()).isEqualTo(204);
    var after = row(id);
    assertThat(after.get("status")).isEqualTo("CANCELLED");
    assertThat(((Timestamp) after.get("cancelled_at")).toInstant()).isEqualTo(at);

    var ship = platform.event(id, "SHIPPED", at);
    assertThat(ship.status()).isEqualTo(409);
    assertThat(ship.json().get("code").asText()).isEqualTo("ORDER_CANCELLED");
    assertThat(row(id).get("shipped_at")).isNull();
  }

  @Test
  void eventsForUnknownOrdersAreNotFoundAndBadEventsAreRefused() {
    var unknown = platform.event("999000111222333", "SHIPPED", PROMISED);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");

    String id = platform.store(List.of(order(merchant.id(), PROMISED, "610113"))).get(0);
    var badType =
        api.postJson(
            "/api/v1/platform/orders/" + id + "/events",
            PLATFORM,
            "{\"type\":\"DELIVERED\",\"at\":\"2031-03-03T10:00:00+08:00\"}");
    var noTime =
        api.postJson(
            "/api/v1/platform/orders/" + id + "/events", PLATFORM, "{\"type\":\"SHIPPED\"}");

    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(noTime.status()).isEqualTo(400);
    assertThat(noTime.json().get("errors").findValuesAsText("field")).containsExactly("at");
    assertThat(row(id).get("status")).isEqualTo("PENDING_SHIPMENT");
  }
}
