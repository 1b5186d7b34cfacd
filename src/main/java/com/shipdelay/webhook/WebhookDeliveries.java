package com.shipdelay.webhook;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An endpoint's delivery log, and redelivery. Another merchant's endpoint is not found (404). */
@Service
class WebhookDeliveries {

  private final JdbcClient jdbc;
  private final Clock clock;

  WebhookDeliveries(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * One delivery of one event to the endpoint. {@code attempt} counts the tries so far; {@code at}
   * is the last try (or when the event was recorded, before the first), {@code responseCode},
   * {@code latencyMs} and {@code error} describe that try.
   */
  record Delivery(
      long id,
      String eventId,
      String eventType,
      int attempt,
      String status,
      Integer responseCode,
      Integer latencyMs,
      String error,
      Instant at,
      Instant nextAttemptAt) {}

  @Transactional(readOnly = true)
  Page<Delivery> deliveries(Merchant merchant, long endpointId, Paging paging) {
    WebhookEndpoints.requireOwn(jdbc, merchant, endpointId);
    long total =
        jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ?")
            .param(endpointId)
            .query(Long.class)
            .single();
    List<Delivery> items =
        jdbc.sql(DELIVERY + " where d.endpoint_id = ? order by d.id desc limit ? offset ?")
            .params(endpointId, paging.size(), paging.offset())
            .query((rs, n) -> delivery(rs))
            .list();
    return paging.page(items, total);
  }

  /**
   * Sends the delivery's event again. A delivery still being retried is brought forward to now (409
   * {@code DELIVERY_IN_PROGRESS} while a node is sending it); a finished one, delivered or failed,
   * gets a new delivery of the same event (same event id), with a fresh 24 hours of retries.
   */
  @Transactional
  Delivery redeliver(Merchant merchant, long endpointId, long deliveryId) {
    WebhookEndpoints.requireOwn(jdbc, merchant, endpointId);
    Timestamp now = Timestamp.from(clock.instant());
    record Row(String status, Instant leaseUntil, String eventId) {}
    Row row =
        jdbc.sql(
                """
                select status, lease_until, event_id from webhook_delivery
                 where id = ? and endpoint_id = ? for update
                """)
            .params(deliveryId, endpointId)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getString(3)))
            .optional()
            .orElseThrow(() -> ApiException.notFound("投递记录不存在：" + deliveryId));
    long id = deliveryId;
    if (row.status().equals("PENDING")) {
      if (row.leaseUntil() != null && row.leaseUntil().isAfter(now.toInstant())) {
        throw new ApiException(ErrorCode.DELIVERY_IN_PROGRESS, "该事件正在投递中，请稍后查看投递记录");
      }
      jdbc.sql("update webhook_delivery set next_attempt_at = ? where id = ?")
          .params(now, deliveryId)
          .update();
    } else {
      id =
          jdbc.sql(
                  """
                  insert into webhook_delivery (endpoint_id, event_id, created_at, next_attempt_at)
                  values (?, ?::uuid, ?, ?) returning id
                  """)
              .params(endpointId, row.eventId(), now, now)
              .query(Long.class)
              .single();
    }
    return jdbc.sql(DELIVERY + " where d.id = ?").param(id).query((rs, n) -> delivery(rs)).single();
  }

  private static final String DELIVERY =
      """
      select d.id, d.event_id, ev.type, d.attempt, d.status, d.response_code, d.latency_ms, d.error,
             coalesce(d.last_attempt_at, d.created_at), d.next_attempt_at
        from webhook_delivery d join webhook_event ev on ev.id = d.event_id
      """;

  private static Delivery delivery(ResultSet rs) throws SQLException {
    Timestamp next = rs.getTimestamp(10);
    return new Delivery(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        rs.getString(5),
        rs.getObject(6, Integer.class),
        rs.getObject(7, Integer.class),
        rs.getString(8),
        rs.getTimestamp(9).toInstant(),
        next == null ? null : next.toInstant());
  }
}
