package com.shipdelay.order;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shipment, pickup and cancellation of an order, as the platform reports them. The order's row is
 * locked while the event is judged, so two events for one order cannot interleave. Repeating an
 * event changes nothing: the first time recorded stays.
 */
@Service
class OrderEvents {

  private final JdbcClient jdbc;

  OrderEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  void record(String orderId, OrderEventRequest event) {
    OrderEventRequest.Type type = check(event);
    Timestamp at = Timestamp.from(event.at().toInstant());
    OrderStatus status = lockedStatus(orderId);
    switch (type) {
      case SHIPPED -> ship(orderId, status, at);
      case PICKED_UP -> pickUp(orderId, status, at);
      case CANCELLED -> cancel(orderId, status, at);
    }
  }

  /** The order's status, its row locked until the transaction ends; 404 for an unknown order. */
  private OrderStatus lockedStatus(String orderId) {
    return jdbc.sql("select status from orders where order_id = ? for update")
        .param(orderId)
        .query((rs, n) -> OrderStatus.valueOf(rs.getString(1)))
        .optional()
        .orElseThrow(() -> ApiException.notFound("订单不存在：" + orderId));
  }

  private void ship(String orderId, OrderStatus status, Timestamp at) {
    if (status == OrderStatus.CANCELLED) {
      throw new ApiException(ErrorCode.ORDER_CANCELLED, "订单已取消，不能发货：" + orderId);
    }
    jdbc.sql(
            """
            update orders
               set status = 'SHIPPED', shipped_at = coalesce(shipped_at, ?), updated_at = now()
             where order_id = ? and (status <> 'SHIPPED' or shipped_at is null)
            """)
        .params(at, orderId)
        .update();
  }

  private void pickUp(String orderId, OrderStatus status, Timestamp at) {
    if (status != OrderStatus.SHIPPED) {
      throw new ApiException(ErrorCode.ORDER_NOT_SHIPPED, "订单尚未发货，不能记录揽收：" + orderId);
    }
    jdbc.sql(
            """
            update orders set picked_up_at = ?, updated_at = now()
             where order_id = ? and picked_up_at is null
            """)
        .params(at, orderId)
        .update();
  }

  private void cancel(String orderId, OrderStatus status, Timestamp at) {
    if (status == OrderStatus.SHIPPED) {
      throw new ApiException(ErrorCode.ORDER_ALREADY_SHIPPED, "订单已发货，不能取消：" + orderId);
    }
    jdbc.sql(
            """
            update orders set status = 'CANCELLED', cancelled_at = ?, updated_at = now()
             where order_id = ? and status = 'PENDING_SHIPMENT'
            """)
        .params(at, orderId)
        .update();
  }

  private static OrderEventRequest.Type check(OrderEventRequest event) {
    List<FieldError> errors = new ArrayList<>();
    OrderEventRequest.Type type = null;
    if (event == null || event.type() == null) {
      errors.add(FieldError.of("type", "必填"));
    } else {
      type =
          Arrays.stream(OrderEventRequest.Type.values())
              .filter(t -> t.name().equals(event.type()))
              .findFirst()
              .orElse(null);
      if (type == null) {
        errors.add(FieldError.of("type", "事件类型须为 SHIPPED、PICKED_UP 或 CANCELLED"));
      }
    }
    if (event == null || event.at() == null) {
      errors.add(FieldError.of("at", "必填"));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "订单事件字段校验未通过", errors);
    }
    return type;
  }
}
