package com.shipdelay.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The exact SQL the order list runs, for EXPLAIN ANALYZE in the benchmarks. */
public final class OrderQueryPlans {

  private OrderQueryPlans() {}

  public record Sql(String page, List<Object> pageParams, String count, List<Object> countParams) {}

  public static Sql pendingInRegion(
      long merchantId, Instant from, Instant to, String region, int size) {
    OrderQuery query =
        new OrderQuery(OrderStatus.PENDING_SHIPMENT, from, to, List.of(), List.of(region), null);
    List<Object> params = new ArrayList<>();
    String where = OrderQueries.where(merchantId, query, params);
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(size);
    pageParams.add(0L);
    return new Sql(
        OrderQueries.pageSql(where), pageParams, OrderQueries.countSql(where), List.copyOf(params));
  }
}
