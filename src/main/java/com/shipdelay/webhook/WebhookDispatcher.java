package com.shipdelay.webhook;

import com.shipdelay.notification.Notifications;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. All state is in {@code webhook_delivery}: a node claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and stamps them with a lease (its token and an expiry longer than
 * any attempt), sends outside any transaction, and records the outcome only while the lease is
 * still its own. So two nodes never attempt one delivery at once, a restarted node continues where
 * the last one stopped, and a node that died mid-attempt leaves its deliveries to others once the
 * lease runs out (at least once: that one may arrive twice, which the event id lets receivers
 * detect).
 *
 * <p>At most {@code threads} attempts run at once, each cut off at the request timeout, and a claim
 * takes at most two deliveries per endpoint, so one slow receiver cannot hold every thread.
 */
class WebhookDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int PER_ENDPOINT = 2;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Notifications notifications;
  private final WebhookSettings settings;
  private final Clock clock;
  private final WebhookUrlPolicy policy;
  private final WebhookSender sender;
  private final ThreadPoolExecutor pool;
  private final Semaphore free;

  WebhookDispatcher(
      JdbcClient jdbc,
      TransactionTemplate tx,
      Notifications notifications,
      WebhookSettings settings,
      Clock clock,
      WebhookUrlPolicy policy,
      WebhookSender sender) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.notifications = notifications;
    this.settings = settings;
    this.clock = clock;
    this.policy = policy;
    this.sender = sender;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "webhook-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.pool.allowCoreThreadTimeOut(true);
    this.free = new Semaphore(settings.threads());
  }

  /** A delivery this node holds the lease of, with what it needs to send it. */
  record Claimed(
      long id,
      UUID leaseToken,
      long endpointId,
      String url,
      String secret,
      UUID eventId,
      String body,
      int attempt,
      Instant createdAt) {}

  /**
   * Claims as many due deliveries as there are free threads and starts them; does not wait. What
   * the background worker calls.
   */
  List<Future<?>> dispatch() {
    int slots = free.drainPermits();
    List<Claimed> claimed;
    try {
      claimed = slots == 0 ? List.of() : claim(slots);
    } catch (RuntimeException e) {
      free.release(slots);
      throw e;
    }
    free.release(slots - claimed.size());
    List<Future<?>> started = new ArrayList<>();
    for (Claimed delivery : claimed) {
      started.add(
          pool.submit(
              () -> {
                try {
                  attempt(delivery);
                } finally {
                  free.release();
                }
              }));
    }
    return started;
  }

  /** Claims what is due, attempts it and waits for the outcomes: one round, as the tests run it. */
  int runRound() {
    List<Future<?>> started = dispatch();
    for (Future<?> future : started) {
      try {
        future.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a delivery attempt failed unexpectedly", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for deliveries", e);
      }
    }
    return started.size();
  }

  List<Claimed> claim(int limit) {
    Instant now = clock.instant();
    UUID token = UUID.randomUUID();
    Timestamp at = Timestamp.from(now);
    // the window picks at most PER_ENDPOINT rows per endpoint; the locking step re-checks the
    // conditions, since another node may have leased a candidate since this snapshot
    return tx.execute(
        s ->
            jdbc.sql(
                    """
                    with candidates as (
                      select id, next_attempt_at from (
                        select d.id, d.next_attempt_at,
                               row_number() over (partition by d.endpoint_id
                                                  order by d.next_attempt_at, d.id) as nth
                          from webhook_delivery d
                         where d.status = 'PENDING' and d.next_attempt_at <= ?
                           and (d.lease_until is null or d.lease_until <= ?)) ranked
                       where nth <= ?
                       order by next_attempt_at, id
                       limit ?),
                    due as (
                      select d.id from webhook_delivery d join candidates c on c.id = d.id
                       where d.status = 'PENDING' and (d.lease_until is null or d.lease_until <= ?)
                         for update of d skip locked)
                    update webhook_delivery d
                       set lease_token = ?, lease_until = ?
                      from due, webhook_endpoint e, webhook_event ev
                     where d.id = due.id and e.id = d.endpoint_id and ev.id = d.event_id
                    returning d.id, d.endpoint_id, e.url, e.secret, ev.id, ev.body, d.attempt,
                              d.created_at
                    """)
                .params(
                    at,
                    at,
                    PER_ENDPOINT,
                    limit,
                    at,
                    token,
                    Timestamp.from(now.plus(settings.lease())))
                .query(
                    (rs, n) ->
                        new Claimed(
                            rs.getLong(1),
                            token,
                            rs.getLong(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getTimestamp(8).toInstant()))
                .list());
  }

  /** Checks the address again (DNS may have changed since registration), signs, sends, records. */
  void attempt(Claimed delivery) {
    WebhookSender.Outcome outcome;
    try {
      WebhookUrlPolicy.Target target = policy.check(delivery.url());
      byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
      long timestamp = clock.instant().getEpochSecond();
      outcome =
          sender.post(
              target,
              Map.of(
                  "ShipDelay-Event-Id", delivery.eventId().toString(),
                  "ShipDelay-Timestamp", String.valueOf(timestamp),
                  "ShipDelay-Signature", WebhookSignature.sign(delivery.secret(), timestamp, body)),
              body);
    } catch (WebhookUrlPolicy.Refused e) {
      outcome = new WebhookSender.Outcome(null, 0, "ADDRESS_REFUSED");
    }
    Instant now = clock.instant();
    WebhookSender.Outcome result = outcome;
    tx.executeWithoutResult(
        s -> {
          if (result.success()) {
            delivered(delivery, result, now);
          } else {
            failed(delivery, result, now);
          }
        });
  }

  private void delivered(Claimed delivery, WebhookSender.Outcome outcome, Instant now) {
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

  private void failed(Claimed delivery, WebhookSender.Outcome outcome, Instant now) {
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
                    "WEBHOOK_FAILING",
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

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
