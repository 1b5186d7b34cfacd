package com.shipdelay.order;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The merchant's orders, with their latest report and their exemption. Every query is scoped by
 * merchant id: another merchant's order is simply not found.
 */
@Service
class OrderQueries {

  /**
   * THE place where an order's exemption is found: a lateral subquery over {@code o} answering at
   * most one row (source, ref_id, until). Approved reports exempt an order through {@code
   * order_exemption} (V10); announcements (source ANNOUNCEMENT) through the database function
   * {@code announcements_covering} (V5, by address regions since V7), computed at read time, never
   * stored per order. A report exemption wins over an announcement; among several announcements the
   * oldest (lowest id) is shown.
   */
  static final String EXEMPTION_OF =
      """
      left join lateral (
          select e.source, e.ref_id, e.until
            from (select 'REPORT' as source, x.report_id as ref_id,
                         x.exempt_until as until, 1 as precedence
                    from order_exemption x
                   where x.order_id = o.order_id
                  union all
                  select 'ANNOUNCEMENT', c.announcement_id, c.until, 2
                    from announcements_covering(o.promised_ship_at, o.region_keys,
                                                o.ship_from_region) c) e
           order by e.precedence, e.ref_id
           limit 1
      ) ex on true
      """;

  /** The order's latest report (any status), by report id. */
  private static final String LATEST_REPORT =
      """
      left join lateral (
          select r.id, r.status
            from report_order ro
            join delay_report r on r.id = ro.report_id
           where ro.order_id = o.order_id
           order by r.id desc
           limit 1
      ) lr on true
      """;

  private static final String SELECT =
      """
      select o.order_id, o.product_id, o.status, o.paid_at, o.promised_ship_at, o.shipped_at,
             o.picked_up_at, o.receiving_address, o.receiving_region, o.address_regions,
             o.dual_address, o.ship_from_region, lr.id as report_id, lr.status as report_status,
             ex.source as exemption_source, ex.ref_id as exemption_ref_id,
             ex.until as exemption_until
        from orders o
      """
          + LATEST_REPORT
          + EXEMPTION_OF;

  private final JdbcClient jdbc;

  OrderQueries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A page of the merchant's orders by promised ship time, then order id; total by count. */
  @Transactional(readOnly = true)
  Page<OrderView> list(long merchantId, OrderQuery query, Paging paging) {
    List<Object> params = new ArrayList<>();
    String where = where(merchantId, query, params);

    long total = jdbc.sql(countSql(where)).params(params).query(Long.class).single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<OrderView> items =
        jdbc.sql(SELECT + where + " order by o.promised_ship_at, o.order_id limit ? offset ?")
            .params(pageParams)
            .query((rs, n) -> view(rs))
            .list();
    return paging.page(items, total);
  }

  /** The page: {@code where} then the limit and offset parameters. */
  static String pageSql(CharSequence where) {
    return SELECT + where + " order by o.promised_ship_at, o.order_id limit ? offset ?";
  }

  static String countSql(CharSequence where) {
    return "select count(*) from orders o" + where;
  }

  @Transactional(readOnly = true)
  OrderView one(long merchantId, String orderId) {
    return jdbc.sql(SELECT + " where o.merchant_id = ? and o.order_id = ?")
        .params(merchantId, orderId)
        .query((rs, n) -> view(rs))
        .optional()
        .orElseThrow(() -> ApiException.notFound("订单不存在：" + orderId));
  }

  /** The list filter as a where clause over {@code orders o}; the page and the count share it. */
  static String where(long merchantId, OrderQuery query, List<Object> params) {
    StringBuilder sql = new StringBuilder(" where o.merchant_id = ?");
    params.add(merchantId);
    appendFilter(sql, params, query);
    return sql.toString();
  }

  private static void appendFilter(StringBuilder sql, List<Object> params, OrderQuery query) {
    if (query.status() != null) {
      sql.append(" and o.status = ?");
      params.add(query.status().name());
    }
    Orders.appendSelection(
        sql,
        params,
        new OrderSelection(
            query.promisedFrom(), query.promisedTo(), query.productIds(), query.regions()),
        "o.");
    if (query.reported() != null) {
      // reported = claimed by a live (pending or approved) report
      sql.append(query.reported() ? " and exists" : " and not exists");
      sql.append(" (select 1 from report_order ro where ro.order_id = o.order_id and ro.active)");
    }
  }

  private static OrderView view(ResultSet rs) throws SQLException {
    long reportId = rs.getLong("report_id");
    OrderView.ReportRef report =
        rs.wasNull() ? null : new OrderView.ReportRef(reportId, rs.getString("report_status"));
    String source = rs.getString("exemption_source");
    OrderView.Exemption exemption =
        source == null
            ? null
            : new OrderView.Exemption(
                source, rs.getLong("exemption_ref_id"), instant(rs, "exemption_until"));
    return new OrderView(
        rs.getString("order_id"),
        rs.getString("product_id"),
        rs.getString("status"),
        instant(rs, "paid_at"),
        instant(rs, "promised_ship_at"),
        instant(rs, "shipped_at"),
        instant(rs, "picked_up_at"),
        rs.getString("receiving_address"),
        rs.getString("receiving_region"),
        AddressRegions.shown(
            Arrays.asList((String[]) rs.getArray("address_regions").getArray()),
            rs.getString("receiving_region")),
        rs.getBoolean("dual_address"),
        rs.getString("ship_from_region"),
        report,
        exemption);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
