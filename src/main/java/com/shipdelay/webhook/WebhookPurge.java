package com.shipdelay.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery log to {@code retention} (30 days): finished deliveries older than that go,
 * then events no delivery refers to any more. Pending ones always stay. Safe on several nodes: the
 * deletes are idempotent.
 */
@Component
class WebhookPurge {

  private static final Logger log = LoggerFactory.getLogger(WebhookPurge.class);

  private final JdbcClient jdbc;
  private final WebhookSettings settings;
  private final Clock clock;

  WebhookPurge(JdbcClient jdbc, WebhookSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  @Scheduled(initialDelayString = "PT7M", fixedDelayString = "PT1H")
  int purge() {
    Timestamp before = Timestamp.from(clock.instant().minus(settings.retention()));
    int deliveries =
        jdbc.sql(
                """
                delete from webhook_delivery
                 where status <> 'PENDING' and coalesce(last_attempt_at, created_at) < ?
                """)
            .param(before)
            .update();
    int events =
        jdbc.sql(
                """
                delete from webhook_event ev
                 where ev.at < ?
                   and not exists (select 1 from webhook_delivery d where d.event_id = ev.id)
                """)
            .param(before)
            .update();
    if (deliveries + events > 0) {
      log.info(
          "Purged {} webhook deliveries and {} events older than {}", deliveries, events, before);
    }
    return deliveries + events;
  }
}
