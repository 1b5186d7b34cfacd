package com.shipdelay.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How webhooks are delivered ({@code shipdelay.webhooks.*}).
 *
 * @param allowInsecureLocal allows plain {@code http://} and loopback receivers: for tests and the
 *     demo only; private, link-local and metadata addresses stay refused
 * @param workerEnabled whether this node polls for due deliveries (off in the tests, which run
 *     rounds themselves)
 * @param threads the most deliveries this node attempts at once
 * @param pollInterval how often an idle node looks for due deliveries
 * @param connectTimeout how long a connection may take to open
 * @param requestTimeout how long a receiver has to answer, connection included (10 s by the
 *     contract)
 * @param firstRetry the wait before the first retry; each later one waits twice as long
 * @param maxRetryInterval the longest wait between two tries
 * @param maxAge how long a delivery is retried before it fails and its endpoint is FAILING
 * @param lease how long a node holds a claimed delivery; longer than any attempt can take, so only
 *     a node that died releases one by letting it run out
 * @param maxEndpoints the most endpoints one merchant may register
 * @param retention how long finished deliveries and their events are kept for the delivery log
 */
@ConfigurationProperties("shipdelay.webhooks")
record WebhookSettings(
    boolean allowInsecureLocal,
    Boolean workerEnabled,
    int threads,
    Duration pollInterval,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration firstRetry,
    Duration maxRetryInterval,
    Duration maxAge,
    Duration lease,
    int maxEndpoints,
    Duration retention) {

  public WebhookSettings {
    workerEnabled = workerEnabled == null || workerEnabled;
    threads = threads <= 0 ? 4 : threads;
    pollInterval = orElse(pollInterval, Duration.ofSeconds(2));
    connectTimeout = orElse(connectTimeout, Duration.ofSeconds(3));
    requestTimeout = orElse(requestTimeout, Duration.ofSeconds(10));
    firstRetry = orElse(firstRetry, Duration.ofSeconds(30));
    maxRetryInterval = orElse(maxRetryInterval, Duration.ofHours(3));
    maxAge = orElse(maxAge, Duration.ofHours(24));
    lease = orElse(lease, Duration.ofMinutes(2));
    maxEndpoints = maxEndpoints <= 0 ? 10 : maxEndpoints;
    retention = orElse(retention, Duration.ofDays(30));
  }

  private static Duration orElse(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  /** The defaults, with the insecure-local switch as given. */
  static WebhookSettings defaults(boolean allowInsecureLocal) {
    return new WebhookSettings(
        allowInsecureLocal, null, 0, null, null, null, null, null, null, null, 0, null);
  }

  WebhookSettings withRequestTimeout(Duration timeout) {
    return new WebhookSettings(
        allowInsecureLocal,
        workerEnabled,
        threads,
        pollInterval,
        connectTimeout,
        timeout,
        firstRetry,
        maxRetryInterval,
        maxAge,
        lease,
        maxEndpoints,
        retention);
  }
}
