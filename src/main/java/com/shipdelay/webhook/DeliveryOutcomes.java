package com.shipdelay.webhook;

import com.shipdelay.notification.NotificationType;
import com.shipdelay.notification.Notifications;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records how an attempt ended, in the dispatcher's transaction and only while its lease holds:
 * delivered, or failed and retried with back-off until the delivery is {@code maxAge} old, when it
 * fails for good and its endpoint becomes FAILING.
 */
final class DeliveryOutcomes {

  private static final Logger log = LoggerFactory.getLogger(DeliveryOutcomes.class);

  private final JdbcClient jdbc;
  private final Notifications notifications;
  private final WebhookSettings settings;

  DeliveryOutcomes(JdbcClient jdbc, Notifications notifications, WebhookSettings settings) {
    this.jdbc = jdbc;
    this.notifications = notifications;
    this.settings = settings;
  }

  void delivered(WebhookDispatcher.Claimed delivery, WebhookSender.Outcome outcome, Instant now) {
    int updated =
        jdbc.sql(
                """
                update webhook_delivery
                   set status = 'DELIVERED', attempt = attempt + 1, next_attempt_at = null,
                       lease_token = null, lease_until = null, last_attempt_at = ?,
                       response_code = ?, latency_ms = ?, error = null
                 where id = ? and lease_token = ?
                """)
            .params(
                Timestamp.from(now),
                outcome.responseCode(),
                (int) outcome.latencyMs(),
                delivery.id(),
                delivery.leaseToken())
            .update();
    if (updated == 1) {
      jdbc.sql(
              """
              update webhook_endpoint set status = 'ACTIVE', failing_since = null
               where id = ? and status = 'FAILING'
              """)
          .param(delivery.endpointId())
          .update();
    }
  }

  void failed(WebhookDispatcher.Claimed delivery, WebhookSender.Outcome outcome, Instant now) {
    int attempt = delivery.attempt() + 1;
    Instant giveUpAt = delivery.createdAt().plus(settings.maxAge());
    boolean last = !now.isBefore(giveUpAt);
    Instant next = last ? null : min(now.plus(backoff(attempt)), giveUpAt);
    int updated =
        jdbc.sql(
                """
                update webhook_delivery
                   set status = ?, attempt = ?, next_attempt_at = ?, lease_token = null,
                       lease_until = null, last_attempt_at = ?, response_code = ?, latency_ms = ?,
                       error = ?
                 where id = ? and lease_token = ?
                """)
            .params(
                last ? "FAILED" : "PENDING",
                attempt,
                next == null ? null : Timestamp.from(next),
                Timestamp.from(now),
                outcome.responseCode(),
                (int) outcome.latencyMs(),
                outcome.error(),
                delivery.id(),
                delivery.leaseToken())
            .update();
    log.info(
        "Webhook delivery {} to endpoint {} failed (attempt {}, {}{}){}",
        delivery.id(),
        delivery.endpointId(),
        attempt,
        outcome.error(),
        outcome.responseCode() == null ? "" : " " + outcome.responseCode(),
        last ? ", giving up" : ", next at " + next);
    if (updated == 1 && last) {
      endpointFailing(delivery.endpointId(), now);
    }
  }

  /** The first delivery that gives up marks its endpoint FAILING and tells the merchant, once. */
  private void endpointFailing(long endpointId, Instant now) {
    jdbc.sql(
            """
            update webhook_endpoint set status = 'FAILING', failing_since = ?
             where id = ? and status = 'ACTIVE'
            returning merchant_id
            """)
        .params(Timestamp.from(now), endpointId)
        .query(Long.class)
        .optional()
        .ifPresent(
            merchantId ->
                notifications.notify(
                    merchantId,
                    null,
                    NotificationType.WEBHOOK_FAILING,
                    "Webhook 接收地址 #"
                        + endpointId
                        + " 连续 "
                        + hours(settings.maxAge())
                        + " 小时投递失败，已标记为 FAILING。请检查接收服务后，在投递记录中重新投递失败的事件。"));
  }

  /**
   * The wait after the {@code attempt}-th failure: the first retry after {@code firstRetry}, each
   * later one twice as long up to {@code maxRetryInterval}, plus up to 20% jitter so deliveries
   * that failed together (a receiver's outage) do not all return at the same instant.
   */
  Duration backoff(int attempt) {
    long first = settings.firstRetry().toMillis();
    long max = settings.maxRetryInterval().toMillis();
    long wait = first << Math.min(attempt - 1, 30);
    wait = wait <= 0 || wait > max ? max : wait;
    return Duration.ofMillis(wait + ThreadLocalRandom.current().nextLong(wait / 5 + 1));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static long hours(Duration duration) {
    return Math.max(1, duration.toHours());
  }
}
