package com.shipdelay.exemption;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exempts orders from late-shipment responsibility. */
@Service
public class Exemptions {

  /** Exempts the orders of approved report {@code ?} (given twice); the benchmark explains it. */
  public static final String EXEMPT_REPORT_ORDERS =
      """
            update orders o
               set exempt_report_id = r.id, exempt_until = r.delay_until, updated_at = now()
              from delay_report r
             where r.id = ? and r.status = 'APPROVED'
               -- the ids as one array: primary-key lookups, not a join over the whole index
               and o.order_id = any (array(select ro.order_id from report_order ro
                                            where ro.report_id = ? and ro.active))
               and o.exempt_report_id is distinct from r.id
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
    jdbc.sql(EXEMPT_REPORT_ORDERS).params(reportId, reportId).update();
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
