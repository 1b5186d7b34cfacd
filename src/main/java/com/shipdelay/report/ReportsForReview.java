package com.shipdelay.report;

import com.shipdelay.validation.ExcludedOrder;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicy;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the review desk ({@code com.shipdelay.review}) reads of a report. The SQL stays here, in the
 * module that owns the report's tables; the review only decides how to show it.
 */
@Service
public class ReportsForReview {

  private final Reports reports;
  private final ReportLifecycle lifecycle;
  private final FiledTypeRules rules;
  private final JdbcClient jdbc;

  ReportsForReview(
      Reports reports, ReportLifecycle lifecycle, FiledTypeRules rules, JdbcClient jdbc) {
    this.reports = reports;
    this.lifecycle = lifecycle;
    this.rules = rules;
    this.jdbc = jdbc;
  }

  /**
   * A report as its reviewer sees it.
   *
   * @param typeRules the type rules the report was filed under
   * @param missingEvidenceKinds the kinds of which any one is still missing
   */
  public record Facts(
      long id,
      long merchantId,
      ReportType type,
      int orderCount,
      Instant delayUntil,
      Instant reviewDueAt,
      String reason,
      String remark,
      List<String> affectedRegions,
      List<ExcludedOrder> excluded,
      TypePolicy typeRules,
      List<String> missingEvidenceKinds) {}

  /** One of the report's orders: the buyer's address as written, and the region it was given. */
  public record OrderLine(String orderId, String address, String region) {}

  private static final String ORDERS =
      """
      select o.order_id, o.receiving_address, o.receiving_region
        from report_order ro join orders o on o.order_id = ro.order_id
       where ro.report_id = ? and not ro.removed
       order by o.promised_ship_at, o.order_id
      """;

  @Transactional(readOnly = true)
  public Facts facts(long reportId) {
    Reports.Row report = reports.find(reportId).orElseThrow();
    return new Facts(
        reportId,
        report.merchantId(),
        report.type(),
        report.orderCount(),
        report.delayUntil(),
        report.reviewDueAt(),
        report.reason(),
        report.remark(),
        report.affectedRegions(),
        reports.excluded(report),
        rules.of(report),
        lifecycle.missingEvidenceKinds(report));
  }

  /** The report's first {@code limit} orders, by promised shipping time. */
  @Transactional(readOnly = true)
  public List<OrderLine> firstOrders(long reportId, int limit) {
    return jdbc.sql(ORDERS + " limit ?")
        .param(reportId)
        .param(limit)
        .query((rs, n) -> new OrderLine(rs.getString(1), rs.getString(2), rs.getString(3)))
        .list();
  }

  /**
   * Every order of the report, in the same order, read as it is consumed (a report may hold
   * thousands). The caller runs it inside its transaction and closes the stream.
   */
  public Stream<OrderLine> orders(long reportId) {
    return jdbc
        .sql(ORDERS)
        .param(reportId)
        .query((rs, n) -> new OrderLine(rs.getString(1), rs.getString(2), rs.getString(3)))
        .stream();
  }
}
