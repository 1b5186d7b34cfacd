package com.shipdelay.order;

import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What platform systems push: orders and their shipment events. The platform token is checked by a
 * filter.
 */
@RestController
@RequestMapping("/api/v1/platform/orders")
@Tag(name = "Platform orders", description = "平台订单同步与发货事件")
class PlatformOrderController {

  private final OrderSync sync;
  private final OrderEvents events;

  PlatformOrderController(OrderSync sync, OrderEvents events) {
    this.sync = sync;
    this.events = events;
  }

  /** What an upsert answers. */
  record Upserted(@Schema(description = "新增或更新的订单数") int upserted) {}

  @PostMapping
  @Operation(
      operationId = "upsertOrders",
      summary = "Upsert orders in bulk",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "twoOrders",
                              value =
                                  """
                                  {"orders":[{"orderId":"2611010000000001","merchantId":1,\
                                  "productId":"7001","paidAt":"2026-03-01T09:30:00+08:00",\
                                  "promisedShipAt":"2026-03-03T09:30:00+08:00",\
                                  "receivingAddress":"陕西省西安市雁塔区科技路 1 号",\
                                  "receivingRegion":"610113","shipFromRegion":"6101",\
                                  "status":"PENDING_SHIPMENT"},{"orderId":"2611010000000002",\
                                  "merchantId":1,"productId":"7002",\
                                  "promisedShipAt":"2026-03-03T12:00:00+08:00",\
                                  "receivingAddress":"新疆乌鲁木齐市天山区解放南路 8 号"}]}"""))),
      description =
          """
          Body: `{ "orders": [ { "orderId", "merchantId", "productId", "paidAt", "promisedShipAt",
          "receivingAddress", "receivingRegion", "shipFromRegion", "status" } ] }`, at most 10,000
          orders per call. `status` defaults to PENDING_SHIPMENT; `receivingRegion`, when left
          out, is derived from `receivingAddress` (null when the address names no single place);
          `shipFromRegion`, when left out, is the merchant's.

          Every order is checked first and a refused call saves nothing:
          400 `VALIDATION_FAILED` for missing or malformed fields and order ids repeated within
          the call; 422 `TOO_MANY_ORDERS` for more than 10,000 orders; 422 `UNKNOWN_MERCHANT`,
          `UNKNOWN_REGION` or `ORDER_MERCHANT_MISMATCH` (an existing order never changes
          merchant). `errors` lists every bad order by `index` and `orderId`, each 422 item with
          its own `code`; the answer's code is the first that applies in that order.

          A known order is updated, except its merchant, its shipment, pickup and cancellation
          times and its exemption; a shipped or cancelled order keeps its status.
          Answers `{ "upserted": n }`.""")
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.TOO_MANY_ORDERS,
    ErrorCode.UNKNOWN_MERCHANT,
    ErrorCode.UNKNOWN_REGION,
    ErrorCode.ORDER_MERCHANT_MISMATCH
  })
  Upserted upsert(@RequestBody OrderSyncRequest request) {
    return new Upserted(sync.upsert(request));
  }

  @PostMapping("/{orderId}/events")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      operationId = "recordOrderEvent",
      summary = "Record a shipment, pickup or cancellation",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      examples =
                          @ExampleObject(
                              name = "shipped",
                              value =
                                  "{\"type\":\"SHIPPED\",\"at\":\"2026-03-02T16:20:00+08:00\"}"))),
      description =
          """
          Body: `{ "type": "SHIPPED" | "PICKED_UP" | "CANCELLED", "at" }`. Answers 204, also when
          the event repeats (the first time recorded stays). 404 for an unknown order; 409
          `ORDER_NOT_SHIPPED` for a pickup before shipment, `ORDER_ALREADY_SHIPPED` for cancelling
          a shipped order, `ORDER_CANCELLED` for shipping a cancelled one.""")
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.ORDER_CANCELLED,
    ErrorCode.ORDER_NOT_SHIPPED,
    ErrorCode.ORDER_ALREADY_SHIPPED
  })
  void event(@PathVariable String orderId, @RequestBody OrderEventRequest event) {
    events.record(orderId, event);
  }
}
