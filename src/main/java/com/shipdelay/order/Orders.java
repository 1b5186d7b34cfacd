package com.shipdelay.order;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The order store. Every merchant-facing query is scoped by merchant id. */
@Repository
public class Orders {

  private final JdbcClient jdbc;

  Orders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The facts of those of {@code orderIds} that belong to the merchant, keyed by order id. */
  public Map<String, OrderFacts> facts(long merchantId, Collection<String> orderIds) {
    return jdbc
        .sql(
            """
            select order_id, status, promised_ship_at, receiving_address, receiving_region,
                   ship_from_region,
                   (select min(c.announcement_id)
                      from announcements_covering(promised_ship_at, region_keys,
                                                  ship_from_region) c) as exempt_by_announcement
              from orders
             where merchant_id = ? and order_id = any(?)
            """)
        .params(merchantId, orderIds.toArray(String[]::new))
        .query(
            (rs, n) ->
                new OrderFacts(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getObject(7, Long.class)))
        .list()
        .stream()
        .collect(Collectors.toMap(OrderFacts::orderId, Function.identity()));
  }

  /** Pending orders of the merchant matching the selection, at most {@code limit}. */
  public List<String> pendingMatching(long merchantId, OrderSelection selection, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "select order_id from orders where merchant_id = ? and status = 'PENDING_SHIPMENT'");
    List<Object> params = new ArrayList<>(List.of(merchantId));
    appendSelection(sql, params, selection, "");
    sql.append(" order by promised_ship_at, order_id limit ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query(String.class).list();
  }

  /**
   * Appends the selection's conditions, on the orders table under {@code alias} ("" or "o."): the
   * one place the merchant's order filter becomes SQL.
   */
  static void appendSelection(
      StringBuilder sql, List<Object> params, OrderSelection selection, String alias) {
    if (selection.promisedFrom() != null) {
      sql.append(" and ").append(alias).append("promised_ship_at >= ?");
      params.add(Timestamp.from(selection.promisedFrom()));
    }
    if (selection.promisedTo() != null) {
      sql.append(" and ").append(alias).append("promised_ship_at < ?");
      params.add(Timestamp.from(selection.promisedTo()));
    }
    if (!selection.productIds().isEmpty()) {
      sql.append(" and ").append(alias).append("product_id = any(?)");
      params.add(selection.productIds().toArray(String[]::new));
    }
    if (!selection.regions().isEmpty()) {
      // any of the order's address regions inside any of the selected ones: region_keys holds
      // every prefix of every address region (V7), and the selected codes are dictionary codes
      sql.append(" and ").append(alias).append("region_keys && ?::text[]");
      params.add(selection.regions().toArray(String[]::new));
    }
  }
}
