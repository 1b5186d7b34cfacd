package com.shipdelay.webhook;

import com.shipdelay.notification.Notifications;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  private static final int PER_ENDPOINT = 2;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final WebhookSettings settings;
  private final Clock clock;
  private final WebhookUrlPolicy policy;
  private final WebhookSender sender;
  private final ThreadPoolExecutor pool;
  private final Semaphore free;
  private final DeliveryOutcomes outcomes;

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
    this.outcomes = new DeliveryOutcomes(jdbc, notifications, settings);
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
                .query((rs, n) -> claimed(rs, token))
                .list());
  }

  /** A row the claim returned, leased under {@code token}. */
  private static Claimed claimed(ResultSet rs, UUID token) throws SQLException {
    return new Claimed(
        rs.getLong(1),
        token,
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getObject(5, UUID.class),
        rs.getString(6),
        rs.getInt(7),
        rs.getTimestamp(8).toInstant());
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
            outcomes.delivered(delivery, result, now);
          } else {
            outcomes.failed(delivery, result, now);
          }
        });
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
