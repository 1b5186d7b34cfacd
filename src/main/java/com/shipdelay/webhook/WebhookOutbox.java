package com.shipdelay.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shipdelay.exemption.AnnouncementPublished;
import com.shipdelay.notification.NotificationWritten;
import com.shipdelay.report.ReportSummaries;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records webhook events in the transaction that causes them (a transactional outbox): the inbox
 * message or the announcement and its events commit together or not at all, so nothing a merchant
 * was told is lost, and a rolled-back change sends nothing. Only merchants with an endpoint
 * subscribed to the type get an event, with one pending delivery per such endpoint; the dispatcher
 * sends them after commit.
 */
@Component
class WebhookOutbox {

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final ReportSummaries reports;
  private final Clock clock;

  WebhookOutbox(JdbcClient jdbc, ObjectMapper json, ReportSummaries reports, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.reports = reports;
    this.clock = clock;
  }

  /** Runs inside the notifying transaction (a plain, synchronous listener). */
  @EventListener
  void notified(NotificationWritten notification) {
    if (!WebhookEventType.isOne(notification.type())
        || !subscribed(notification.merchantId(), notification.type())) {
      return;
    }
    ObjectNode data = json.createObjectNode();
    if (notification.reportId() != null) {
      reports
          .of(notification.reportId())
          .ifPresent(summary -> data.setAll((ObjectNode) json.valueToTree(summary)));
    }
    data.put("message", notification.message());
    record(notification.merchantId(), notification.type(), notification.reportId(), data);
  }

  /** Each merchant with covered orders hears its own count, in the publishing transaction. */
  @EventListener
  void announced(AnnouncementPublished announcement) {
    if (announcement.ordersByMerchant().isEmpty()) {
      return;
    }
    String type = WebhookEventType.ORDERS_EXEMPTED_BY_ANNOUNCEMENT.name();
    List<Long> merchants =
        jdbc.sql(
                """
                select distinct merchant_id from webhook_endpoint
                 where merchant_id = any(?) and ? = any(event_types)
                """)
            .params(announcement.ordersByMerchant().keySet().toArray(Long[]::new), type)
            .query(Long.class)
            .list();
    for (long merchantId : merchants) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("announcementId", announcement.announcementId());
      data.put("title", announcement.title());
      data.put("regions", announcement.regions());
      data.put("promisedFrom", announcement.promisedFrom());
      data.put("promisedTo", announcement.promisedTo());
      data.put("orders", announcement.ordersByMerchant().get(merchantId));
      record(merchantId, type, null, data);
    }
  }

  private boolean subscribed(long merchantId, String type) {
    return jdbc.sql(
            "select exists (select 1 from webhook_endpoint where merchant_id = ? and ? = any(event_types))")
        .params(merchantId, type)
        .query(Boolean.class)
        .single();
  }

  private void record(long merchantId, String type, Long reportId, Object data) {
    UUID id = UUID.randomUUID();
    Instant at = clock.instant();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id.toString());
    body.put("type", type);
    body.put("at", at);
    body.put("reportId", reportId);
    body.put("data", data);
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("webhook body of " + type + " does not serialise", e);
    }
    jdbc.sql(
            """
            insert into webhook_event (id, merchant_id, type, report_id, at, body)
            values (?, ?, ?, ?, ?, ?)
            """)
        .params(id, merchantId, type, reportId, Timestamp.from(at), text)
        .update();
    jdbc.sql(
            """
            insert into webhook_delivery (endpoint_id, event_id, created_at, next_attempt_at)
            select e.id, ?, ?, ? from webhook_endpoint e
             where e.merchant_id = ? and ? = any(e.event_types)
            """)
        .params(id, Timestamp.from(at), Timestamp.from(at), merchantId, type)
        .update();
  }
}
