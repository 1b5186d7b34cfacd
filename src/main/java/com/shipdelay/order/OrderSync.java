package com.shipdelay.order;

import com.shipdelay.region.RegionCheck;
import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's bulk order sync. Every order of a call is checked before anything is written, and
 * the write is one set-based upsert ({@link OrderWriter}): a call is stored whole or not at all.
 */
@Service
class OrderSync {

  static final int MAX_ORDERS = 10_000;

  /** When several rules refuse a call, its code is the first of these that applies. */
  private static final List<ErrorCode> RULE_CODES =
      List.of(
          ErrorCode.UNKNOWN_MERCHANT, ErrorCode.UNKNOWN_REGION, ErrorCode.ORDER_MERCHANT_MISMATCH);

  private final JdbcClient jdbc;
  private final Regions regions;
  private final OrderWriter writer;

  OrderSync(JdbcClient jdbc, Regions regions, OrderWriter writer) {
    this.jdbc = jdbc;
    this.regions = regions;
    this.writer = writer;
  }

  /**
   * Inserts new orders and updates known ones, in one statement.
   *
   * @return how many orders were inserted or updated
   */
  @Transactional
  int upsert(OrderSyncRequest request) {
    List<OrderSyncRequest.Item> orders = checkShape(request);
    if (orders.isEmpty()) {
      return 0;
    }
    checkRules(orders);
    return writer.write(orders);
  }

  /** 400 and 422 (too many) for what can be judged without the database. */
  private List<OrderSyncRequest.Item> checkShape(OrderSyncRequest request) {
    if (request == null || request.orders() == null) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          "请求体须为 { \"orders\": [ … ] }",
          List.of(error(null, null, "orders", "必填")));
    }
    List<OrderSyncRequest.Item> orders = request.orders();
    if (orders.size() > MAX_ORDERS) {
      throw new ApiException(
          ErrorCode.TOO_MANY_ORDERS,
          "单次最多同步 " + MAX_ORDERS + " 个订单，本次为 " + orders.size() + " 个，请分批提交",
          List.of(error(null, null, "orders", "最多 " + MAX_ORDERS + " 个")));
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < orders.size(); i++) {
      if (orders.get(i) == null) {
        errors.add(error(i, null, null, "订单不能为空"));
      } else {
        checkFields(i, orders.get(i), seen, errors);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED, "有 " + errors.size() + " 处订单字段校验未通过，本次未保存任何订单", errors);
    }
    return orders;
  }

  /**
   * Adds to {@code errors} each field of the order at {@code i} that is missing or malformed;
   * {@code seen} holds the order numbers of the call so far, so a repeat is refused.
   */
  private static void checkFields(
      int i, OrderSyncRequest.Item o, Set<String> seen, List<FieldError> errors) {
    String id = o.orderId();
    if (blank(id)) {
      errors.add(error(i, null, "orderId", "必填"));
    } else if (!OrderNumbers.isOrderNumber(id)) {
      errors.add(error(i, id, "orderId", "订单号须为不超过 32 位的数字字符串"));
    } else if (!seen.add(id)) {
      errors.add(error(i, id, "orderId", "订单号在本次请求中重复"));
    }
    if (o.merchantId() == null) {
      errors.add(error(i, id, "merchantId", "必填"));
    }
    if (blank(o.productId())) {
      errors.add(error(i, id, "productId", "必填"));
    } else if (!OrderNumbers.isProductId(o.productId())) {
      errors.add(error(i, id, "productId", "商品 ID 须为不超过 32 位的数字字符串"));
    }
    if (o.promisedShipAt() == null) {
      errors.add(error(i, id, "promisedShipAt", "必填"));
    }
    if (blank(o.receivingAddress())) {
      errors.add(error(i, id, "receivingAddress", "必填"));
    }
    if (o.status() != null && OrderStatus.parse(o.status()).isEmpty()) {
      errors.add(error(i, id, "status", "订单状态须为 " + OrderStatus.allowed()));
    }
  }

  /**
   * 422 for what the rules refuse: an unknown merchant or region, or an order that exists under
   * another merchant. All of them are listed, each with its own {@code code}; the answer's code is
   * the first kind found in that order.
   */
  private void checkRules(List<OrderSyncRequest.Item> orders) {
    Long[] merchantIds =
        orders.stream().map(OrderSyncRequest.Item::merchantId).toArray(Long[]::new);
    Set<Long> knownMerchants = knownMerchants(merchantIds);
    Set<String> owned = ownedByOthers(orders, merchantIds);
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      OrderSyncRequest.Item o = orders.get(i);
      if (!knownMerchants.contains(o.merchantId())) {
        errors.add(
            error(i, o.orderId(), "merchantId", "商家不存在：" + o.merchantId())
                .withCode(ErrorCode.UNKNOWN_MERCHANT));
      }
      if (o.receivingRegion() != null && !regions.exists(o.receivingRegion())) {
        errors.add(unknownRegion(i, o.orderId(), "receivingRegion", o.receivingRegion()));
      }
      if (o.shipFromRegion() != null && !regions.exists(o.shipFromRegion())) {
        errors.add(unknownRegion(i, o.orderId(), "shipFromRegion", o.shipFromRegion()));
      }
      if (owned.contains(o.orderId())) {
        errors.add(
            error(i, o.orderId(), "merchantId", "订单已属于另一商家，不能改为商家 " + o.merchantId())
                .withCode(ErrorCode.ORDER_MERCHANT_MISMATCH));
      }
    }
    errors.stream()
        .map(FieldError::code)
        .min(Comparator.comparingInt(RULE_CODES::indexOf))
        .ifPresent(
            code -> {
              throw new ApiException(code, "有 " + errors.size() + " 处订单被规则拒绝，本次未保存任何订单", errors);
            });
  }

  private Set<Long> knownMerchants(Long[] merchantIds) {
    return new HashSet<>(
        jdbc.sql("select id from merchant where id = any(?)")
            .param(merchantIds)
            .query(Long.class)
            .list());
  }

  /** Set-based: the orders of the call that already exist under a different merchant. */
  private Set<String> ownedByOthers(List<OrderSyncRequest.Item> orders, Long[] merchantIds) {
    return new HashSet<>(
        jdbc.sql(
                """
                select o.order_id
                  from unnest(?::varchar[], ?::bigint[]) as i(order_id, merchant_id)
                  join orders o on o.order_id = i.order_id
                 where o.merchant_id <> i.merchant_id
                """)
            .params(
                orders.stream().map(OrderSyncRequest.Item::orderId).toArray(String[]::new),
                merchantIds)
            .query(String.class)
            .list());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static FieldError unknownRegion(int index, String orderId, String field, String code) {
    FieldError unknown = RegionCheck.unknown(field, code);
    return error(index, orderId, field, unknown.message()).withCode(ErrorCode.UNKNOWN_REGION);
  }

  private static FieldError error(Integer index, String orderId, String field, String message) {
    return FieldError.item(index, orderId, field, message);
  }
}
