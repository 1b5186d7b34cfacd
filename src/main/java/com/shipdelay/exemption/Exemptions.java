package com.shipdelay.exemption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exempts orders from late-shipment responsibility. */
@Service
public class Exemptions {

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
    jdbc.sql(
            """
            update orders o
               set exempt_report_id = r.id, exempt_until = r.delay_until, updated_at = now()
              from report_order ro
              join delay_report r on r.id = ro.report_id
             where ro.report_id = ? and ro.active and r.status = 'APPROVED'
               and o.order_id = ro.order_id
               and o.exempt_report_id is distinct from r.id
            """)
        .param(reportId)
        .update();
    return jdbc.sql(
            """
            select count(*) from report_order ro join orders o on o.order_id = ro.order_id
             where ro.report_id = ? and ro.active and o.exempt_report_id = ro.report_id
            """)
        .param(reportId)
        .query(Integer.class)
        .single();
  }
}
