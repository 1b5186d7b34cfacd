package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.validation.ExcludedOrder;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delay_report table and its satellites (orders, timeline). */
@Repository
class Reports {

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final ReportRowMapper rows;

  Reports(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.rows = new ReportRowMapper(json);
  }

  record Row(
      long id,
      long merchantId,
      ReportType type,
      ReportStatus status,
      Instant delayUntil,
      String reason,
      String remark,
      List<String> affectedRegions,
      String excludedOrdersJson,
      String decision,
      String decisionComment,
      Instant createdAt,
      Instant reviewDueAt,
      Instant decidedAt,
      int orderCount,
      Instant evidenceRequestedAt,
      String evidenceRequestNote,
      Instant evidenceDueAt,
      TypePolicy typeRules) {}

  private static final String SELECT =
      """
      select r.id, r.merchant_id, r.type, r.status, r.delay_until, r.reason, r.remark,
             r.affected_regions, r.excluded_orders::text, r.decision, r.decision_comment,
             r.created_at, r.review_due_at, r.decided_at, r.evidence_requested_at,
             r.evidence_request_note, r.evidence_due_at, r.type_rules::text as type_rules,
             (select count(*) from report_order ro where ro.report_id = r.id and not ro.removed) as order_count
        from delay_report r
      """;

  /** Takes a report id from the table's identity, for a report inserted later with it. */
  long nextId() {
    return jdbc.sql("select nextval(pg_get_serial_sequence('delay_report', 'id'))")
        .query(Long.class)
        .single();
  }

  /** Inserts a report, with the id {@link #nextId} gave when {@code id} is not null. */
  long insert(
      Long id,
      long merchantId,
      ReportType type,
      Instant delayUntil,
      String reason,
      String remark,
      List<String> affectedRegions,
      TypePolicy typeRules,
      Instant createdAt,
      Instant reviewDueAt) {
    return jdbc.sql(
            """
            insert into delay_report (id, merchant_id, type, status, delay_until, reason, remark,
                                      affected_regions, type_rules, created_at, review_due_at)
            overriding system value
            values (coalesce(?, nextval(pg_get_serial_sequence('delay_report', 'id'))),
                    ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            returning id
            """)
        .params(
            id,
            merchantId,
            type.name(),
            ReportStatus.SUBMITTED.name(), // every report starts here: nothing leads back to it
            Timestamp.from(delayUntil),
            reason,
            remark,
            affectedRegions.toArray(String[]::new),
            toJson(typeRules),
            Timestamp.from(createdAt),
            Timestamp.from(reviewDueAt))
        .query(Long.class)
        .single();
  }

  /** Claims the orders for the report; answers the ones another live report already holds. */
  List<String> claimOrders(long reportId, List<String> orderIds) {
    List<String> claimed =
        jdbc.sql(
                """
                insert into report_order (report_id, order_id)
                select ?, unnest(?::varchar[])
                on conflict (order_id) where active do nothing
                returning order_id
                """)
            .params(reportId, orderIds.toArray(String[]::new))
            .query(String.class)
            .list();
    var taken = new java.util.LinkedHashSet<>(orderIds);
    claimed.forEach(taken::remove);
    return List.copyOf(taken);
  }

  void saveExcluded(long reportId, List<ExcludedOrder> excluded) {
    jdbc.sql("update delay_report set excluded_orders = ?::jsonb where id = ?")
        .params(toJson(excluded), reportId)
        .update();
  }

  Optional<Row> find(long id) {
    return jdbc.sql(SELECT + " where r.id = ?").param(id).query(rows).optional();
  }

  Optional<Row> findForMerchant(long id, long merchantId) {
    return jdbc.sql(SELECT + " where r.id = ? and r.merchant_id = ?")
        .params(id, merchantId)
        .query(rows)
        .optional();
  }

  /**
   * Locks the report's row for the rest of the transaction and reads it; serialises state changes.
   * Its {@code orderCount} is as of the statement's start: after a wait for the lock, use {@link
   * #find}.
   */
  Optional<Row> lockForMerchant(long id, long merchantId) {
    return jdbc.sql(SELECT + " where r.id = ? and r.merchant_id = ? for update of r")
        .params(id, merchantId)
        .query(rows)
        .optional();
  }

  Optional<Row> lock(long id) {
    return jdbc.sql(SELECT + " where r.id = ? for update of r").param(id).query(rows).optional();
  }

  /** When the report's review is due: the one column the process's timers read. */
  Optional<Instant> reviewDueAt(long id) {
    return jdbc.sql("select review_due_at from delay_report where id = ?")
        .param(id)
        .query((rs, i) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  /** Starts (or keeps) the wait for evidence: it expires at {@code dueAt} unless one is set. */
  void awaitEvidence(long id, Instant dueAt) {
    jdbc.sql("update delay_report set evidence_due_at = coalesce(evidence_due_at, ?) where id = ?")
        .params(Timestamp.from(dueAt), id)
        .update();
  }

  /** A reviewer asked for evidence: the report waits for it, with the note, until {@code dueAt}. */
  boolean requestEvidence(long id, String note, Instant dueAt) {
    return jdbc.sql(
                """
                update delay_report
                   set status = ?, evidence_requested_at = clock_timestamp(),
                       evidence_request_note = ?, evidence_due_at = ?
                 where id = ? and status = any(?)
                """)
            .params(
                ReviewDecision.REQUEST_EVIDENCE.outcome().name(),
                note,
                Timestamp.from(dueAt),
                id,
                reviewedSources(ReviewDecision.REQUEST_EVIDENCE))
            .update()
        == 1;
  }

  /** A supplement arrived: the review clock starts afresh and the wait ends. */
  void evidenceSupplied(long id, Instant reviewDueAt) {
    jdbc.sql("update delay_report set review_due_at = ?, evidence_due_at = null where id = ?")
        .params(Timestamp.from(reviewDueAt), id)
        .update();
  }

  /**
   * Moves the report to {@code to} if the transition table ({@link ReportStatus#sourcesOf}) allows
   * it from the report's current status; answers whether it did.
   */
  boolean transition(long id, ReportStatus to) {
    return jdbc.sql("update delay_report set status = ? where id = ? and status = any(?)")
            .params(to.name(), id, names(ReportStatus.sourcesOf(to)))
            .update()
        == 1;
  }

  /** Records an approval or a rejection of a report under review; answers whether it did. */
  boolean decide(long id, ReviewDecision decision, String comment) {
    return jdbc.sql(
                """
                update delay_report
                   set status = ?, decision = ?, decision_comment = ?, decided_at = now()
                 where id = ? and status = any(?)
                """)
            .params(
                decision.outcome().name(), decision.name(), comment, id, reviewedSources(decision))
            .update()
        == 1;
  }

  /** A decision applies to a report under review, and only where the table allows its outcome. */
  private static String[] reviewedSources(ReviewDecision decision) {
    return names(
        ReportStatus.UNDER_REVIEW.stream()
            .filter(s -> s.canMoveTo(decision.outcome()))
            .collect(java.util.stream.Collectors.toSet()));
  }

  private static String[] names(java.util.Collection<ReportStatus> statuses) {
    return statuses.stream().map(Enum::name).toArray(String[]::new);
  }

  /** Frees the report's orders for other reports (rejected, withdrawn, expired, invalid). */
  void releaseOrders(long id) {
    jdbc.sql("update report_order set active = false where report_id = ? and active")
        .param(id)
        .update();
  }

  /** Releases the orders that are no longer the merchant's pending orders; answers how many. */
  int releaseOrdersNoLongerPending(long reportId, long merchantId) {
    return jdbc.sql(
            """
            update report_order ro set active = false, removed = true
              from orders o
             where ro.report_id = ? and ro.active and o.order_id = ro.order_id
               and (o.status <> 'PENDING_SHIPMENT' or o.merchant_id <> ?)
            """)
        .params(reportId, merchantId)
        .update();
  }

  /** Records an event unless the report already has one of that kind; answers whether it did. */
  boolean eventOnce(long reportId, TimelineEvent event, String detail) {
    return jdbc.sql(
                """
                insert into report_event (report_id, event, detail)
                select ?, ?, ?
                 where not exists (select 1 from report_event where report_id = ? and event = ?)
                """)
            .params(reportId, event.name(), detail, reportId, event.name())
            .update()
        == 1;
  }

  void event(long reportId, TimelineEvent event, String detail) {
    jdbc.sql("insert into report_event (report_id, event, detail) values (?, ?, ?)")
        .params(reportId, event.name(), detail)
        .update();
  }

  List<ReportView.TimelineEntry> timeline(long reportId) {
    return jdbc.sql(
            "select at, event, detail from report_event where report_id = ? order by at, id")
        .param(reportId)
        .query(
            (rs, n) ->
                new ReportView.TimelineEntry(
                    rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
        .list();
  }

  List<ExcludedOrder> excluded(Row row) {
    try {
      return json.readValue(row.excludedOrdersJson(), new TypeReference<List<ExcludedOrder>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("excluded_orders of report " + row.id(), e);
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
