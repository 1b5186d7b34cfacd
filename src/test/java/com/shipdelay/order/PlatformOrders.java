package com.shipdelay.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.support.Api;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds platform order payloads and sends them through the platform API, as the platform does. */
final class PlatformOrders {

  static final String PLATFORM = Api.bearer("dev-platform-token");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  private final Api api;

  PlatformOrders(Api api) {
    this.api = api;
  }

  /** A fresh order number: 18 digits, unique in this JVM. */
  static String newOrderId() {
    return "8" + String.format("%017d", SEQUENCE.incrementAndGet());
  }

  /** A complete order with an explicit receiving region; change fields with {@code put}. */
  static Map<String, Object> order(long merchantId, Instant promisedShipAt, String region) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("orderId", newOrderId());
    o.put("merchantId", merchantId);
    o.put("productId", "5001");
    o.put("paidAt", promisedShipAt.minusSeconds(86_400).toString());
    o.put("promisedShipAt", promisedShipAt.toString());
    o.put("receivingAddress", "测试收货地址 " + region);
    o.put("receivingRegion", region);
    o.put("shipFromRegion", "3301");
    o.put("status", "PENDING_SHIPMENT");
    return o;
  }

  static String body(List<? extends Map<String, Object>> orders) {
    try {
      return JSON.writeValueAsString(Map.of("orders", orders));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  Api.Response upsert(List<? extends Map<String, Object>> orders) {
    return api.postJson("/api/v1/platform/orders", PLATFORM, body(orders));
  }

  /** Upserts and fails the test unless every order was stored; answers the order ids. */
  List<String> store(List<? extends Map<String, Object>> orders) {
    Api.Response response = upsert(orders);
    if (response.status() != 200) {
      throw new AssertionError("upsert answered " + response.status() + ": " + response.text());
    }
    return orders.stream().map(o -> (String) o.get("orderId")).toList();
  }

  Api.Response event(String orderId, String type, Instant at) {
    return api.postJson(
        "/api/v1/platform/orders/" + orderId + "/events",
        PLATFORM,
        "{\"type\":\"" + type + "\",\"at\":\"" + at + "\"}");
  }
}
