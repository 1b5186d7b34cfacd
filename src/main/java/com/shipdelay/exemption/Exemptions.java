package com.shipdelay.exemption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exempts orders from late-shipment responsibility. */
@Service
public class Exemptions {

  /**
   * Exempts the active orders of approved report {@code :report} and answers how many it exempts
   * now, in one statement: orders another report exempted move to this one, the others get a row;
   * rows the report already has stay untouched, so running it again changes nothing. Every part
   * reads the same snapshot: the last count finds the rows the report had before this statement, so
   * the sum is every order the report exempts.
   */
  public static final String EXEMPT_REPORT_ORDERS =
      """
      with report as (
          select id, delay_until from delay_report where id = :report and status = 'APPROVED'
      ), held as (
          select ro.order_id, r.id, r.delay_until
            from report r join report_order ro on ro.report_id = r.id and ro.active
      ), moved as (
          update order_exemption e
             set report_id = h.id, exempt_until = h.delay_until, exempted_at = now()
            from held h
           where e.order_id = h.order_id and e.report_id <> h.id
          returning 1
      ), added as (
          insert into order_exemption (order_id, report_id, exempt_until)
          select h.order_id, h.id, h.delay_until
            from held h
           where not exists (select 1 from order_exemption e where e.order_id = h.order_id)
          returning 1
      )
      select (select count(*) from moved) + (select count(*) from added)
             + (select count(*) from held h
                 where exists (select 1 from order_exemption e
                                where e.order_id = h.order_id and e.report_id = h.id))
      """;

  private final JdbcClient jdbc;

  Exemptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Exempts every order an approved report holds, up to its {@code delayUntil}, in one statement.
   * Running it again changes nothing.
   *
   * @return the number of orders the report exempts
   */
  @Transactional
  public int exemptReportOrders(long reportId) {
    return jdbc.sql(EXEMPT_REPORT_ORDERS).param("report", reportId).query(Integer.class).single();
  }
}
