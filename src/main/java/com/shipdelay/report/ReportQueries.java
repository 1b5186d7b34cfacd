package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.order.OrderStatus;
import com.shipdelay.validation.ReportType;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads reports for their merchant. Another merchant's report is simply not found. */
@Service
class ReportQueries {

  private final Reports reports;
  private final EvidenceFiles evidence;
  private final ReportLifecycle lifecycle;
  private final JdbcClient jdbc;

  ReportQueries(
      Reports reports, EvidenceFiles evidence, ReportLifecycle lifecycle, JdbcClient jdbc) {
    this.reports = reports;
    this.evidence = evidence;
    this.lifecycle = lifecycle;
    this.jdbc = jdbc;
  }

  /** The list filters of {@code GET /api/v1/delay-reports}. */
  record Filter(
      List<ReportStatus> statuses,
      ReportType type,
      Instant createdFrom,
      Instant createdTo,
      String orderId) {}

  @Transactional(readOnly = true)
  ReportView detail(Merchant merchant, long id) {
    Reports.Row row =
        reports
            .findForMerchant(id, merchant.id())
            .orElseThrow(() -> ApiException.notFound("报备不存在：" + id));
    return new ReportView(
        row.id(),
        row.type().name(),
        row.status().name(),
        row.createdAt(),
        row.delayUntil(),
        row.orderCount(),
        row.reviewDueAt(),
        row.decidedAt(),
        row.reason(),
        row.remark(),
        row.affectedRegions(),
        row.decision(),
        row.decisionComment(),
        row.status().pending() ? lifecycle.missingEvidenceKinds(row) : List.of(),
        evidence.list(row.id()),
        reports.timeline(row.id()),
        null);
  }

  @Transactional(readOnly = true)
  Page<ReportListItem> list(Merchant merchant, Filter filter, Paging paging) {
    List<Object> params = new ArrayList<>(List.of(merchant.id()));
    String where = where(filter, params);
    long total =
        jdbc.sql("select count(*) from delay_report r" + where)
            .params(params)
            .query(Long.class)
            .single();
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(paging.size());
    pageParams.add(paging.offset());
    List<ReportListItem> items =
        jdbc.sql(
                """
                select r.id, r.type, r.status, r.created_at, r.delay_until, r.review_due_at,
                       r.decided_at,
                       (select count(*) from report_order ro
                         where ro.report_id = r.id and not ro.removed) as order_count
                  from delay_report r
                """
                    + where
                    + " order by r.created_at desc, r.id desc limit ? offset ?")
            .params(pageParams)
            .query(
                (rs, n) ->
                    new ReportListItem(
                        rs.getLong("id"),
                        rs.getString("type"),
                        rs.getString("status"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("delay_until").toInstant(),
                        rs.getInt("order_count"),
                        rs.getTimestamp("review_due_at").toInstant(),
                        rs.getTimestamp("decided_at") == null
                            ? null
                            : rs.getTimestamp("decided_at").toInstant()))
            .list();
    return paging.page(items, total);
  }

  /** The list's where clause for the merchant (the first of {@code params}) and the filter. */
  private static String where(Filter filter, List<Object> params) {
    StringBuilder where = new StringBuilder(" where r.merchant_id = ?");
    if (!filter.statuses().isEmpty()) {
      where.append(" and r.status = any(?)");
      params.add(filter.statuses().stream().map(Enum::name).toArray(String[]::new));
    }
    if (filter.type() != null) {
      where.append(" and r.type = ?");
      params.add(filter.type().name());
    }
    if (filter.createdFrom() != null) {
      where.append(" and r.created_at >= ?");
      params.add(Timestamp.from(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      where.append(" and r.created_at < ?");
      params.add(Timestamp.from(filter.createdTo()));
    }
    if (filter.orderId() != null && !filter.orderId().isBlank()) {
      where.append(
          " and exists (select 1 from report_order ro where ro.report_id = r.id and ro.order_id = ?)");
      params.add(filter.orderId().trim());
    }
    return where.toString();
  }

  /** Every report the filter matches, newest first, read a page at a time as it is written. */
  java.util.Iterator<ReportExport.ExportRow> exportRows(Merchant merchant, Filter filter) {
    return new java.util.Iterator<>() {
      private int page = 0;
      private java.util.Iterator<ReportListItem> current = java.util.Collections.emptyIterator();
      private boolean last = false;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && !last) {
          Page<ReportListItem> next = list(merchant, filter, new Paging(page++, Paging.MAX_SIZE));
          last = next.items().size() < Paging.MAX_SIZE;
          current = next.items().iterator();
        }
        return current.hasNext();
      }

      @Override
      public ReportExport.ExportRow next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        ReportListItem r = current.next();
        return new ReportExport.ExportRow(
            r.id(),
            r.type(),
            Labels.type(r.type()),
            r.status(),
            r.createdAt(),
            r.delayUntil(),
            r.orderCount(),
            r.reviewDueAt(),
            r.decidedAt());
      }
    };
  }

  /** A report's order, as {@code GET /api/v1/delay-reports/{id}/orders} lists it. */
  record ReportOrder(
      String orderId,
      String productId,
      @Schema(implementation = OrderStatus.class) String status,
      Instant promisedShipAt,
      String receivingAddress,
      String receivingRegion,
      boolean exempt,
      boolean released) {}

  @Transactional(readOnly = true)
  Page<ReportOrder> orders(Merchant merchant, long id, Paging paging) {
    reports
        .findForMerchant(id, merchant.id())
        .orElseThrow(() -> ApiException.notFound("报备不存在：" + id));
    long total =
        jdbc.sql("select count(*) from report_order where report_id = ? and not removed")
            .param(id)
            .query(Long.class)
            .single();
    List<ReportOrder> items =
        jdbc.sql(
                """
                select o.order_id, o.product_id, o.status, o.promised_ship_at, o.receiving_address,
                       o.receiving_region,
                       exists (select 1 from order_exemption e
                                where e.order_id = ro.order_id and e.report_id = ro.report_id)
                           as exempt,
                       not ro.active as released
                  from report_order ro join orders o on o.order_id = ro.order_id
                 where ro.report_id = ? and not ro.removed
                 order by o.promised_ship_at, o.order_id
                 limit ? offset ?
                """)
            .params(id, paging.size(), paging.offset())
            .query(
                (rs, n) ->
                    new ReportOrder(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getBoolean(7),
                        rs.getBoolean(8)))
            .list();
    return paging.page(items, total);
  }
}
