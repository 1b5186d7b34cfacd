package com.shipdelay.exemption;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Exempts orders from late-shipment responsibility. */
@Service
public class Exemptions {

  /**
   * The usual case: none of the approved report {@code :report}'s active orders is exempt yet (one
   * live claim per order), so each gets its row by a plain insert, which answers how many. Without
   * {@code ON CONFLICT} and its speculative insertion, this is half the time and two WAL records
   * per order instead of three (50,000 orders: 110 ms against 220 ms). Any order already exempt, by
   * this report or an earlier one, breaks the primary key, and {@link #EXEMPT_REPORT_ORDERS} takes
   * over.
   */
  public static final String EXEMPT_NEW_ORDERS =
      """
      insert into order_exemption (order_id, report_id, exempt_until)
      select ro.order_id, r.id, r.delay_until
        from delay_report r join report_order ro on ro.report_id = r.id and ro.active
       where r.id = :report and r.status = 'APPROVED'
      """;

  /**
   * Exempts the active orders of approved report {@code :report} and answers how many it exempts
   * now, in one statement: an order gets its row, or its row moves from another report to this one;
   * rows the report already has stay untouched, so running it again changes nothing. The count
   * reads the snapshot from before the insert, so it finds the rows the report already had, and the
   * sum is every order the report exempts.
   *
   * <p>The conflict check goes through the primary key whatever the table's statistics say; an
   * anti-join written instead ran as a nested loop over a freshly emptied table and took 21 s for
   * 50,000 orders.
   */
  public static final String EXEMPT_REPORT_ORDERS =
      """
      with exempted as (
          insert into order_exemption (order_id, report_id, exempt_until)
          select ro.order_id, r.id, r.delay_until
            from delay_report r join report_order ro on ro.report_id = r.id and ro.active
           where r.id = :report and r.status = 'APPROVED'
          on conflict (order_id) do update
             set report_id = excluded.report_id, exempt_until = excluded.exempt_until,
                 exempted_at = now()
           where order_exemption.report_id <> excluded.report_id
          returning 1
      )
      select (select count(*) from exempted)
             + (select count(*)
                  from report_order ro
                  join order_exemption e on e.order_id = ro.order_id and e.report_id = ro.report_id
                 where ro.report_id = :report and ro.active)
      """;

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  Exemptions(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Exempts every order an approved report holds, up to its {@code delayUntil}: {@link
   * #EXEMPT_NEW_ORDERS} behind a savepoint, and if an order is already exempt, back to the
   * savepoint and {@link #EXEMPT_REPORT_ORDERS}. Running it again changes nothing.
   *
   * @return the number of orders the report exempts
   */
  @Transactional
  public int exemptReportOrders(long reportId) {
    try {
      return savepoint.execute(s -> jdbc.sql(EXEMPT_NEW_ORDERS).param("report", reportId).update());
    } catch (DuplicateKeyException someAlreadyExempt) {
      return jdbc.sql(EXEMPT_REPORT_ORDERS).param("report", reportId).query(Integer.class).single();
    }
  }
}
