package com.shipdelay.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls for due deliveries on every node. Off in the tests ({@code
 * shipdelay.webhooks.worker-enabled=false}), which run the dispatcher's rounds themselves.
 */
@Component
@ConditionalOnProperty(
    name = "shipdelay.webhooks.worker-enabled",
    havingValue = "true",
    matchIfMissing = true)
class WebhookWorker {

  private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

  private final WebhookDispatcher dispatcher;

  WebhookWorker(WebhookDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(
      initialDelayString = "${shipdelay.webhooks.poll-interval:PT2S}",
      fixedDelayString = "${shipdelay.webhooks.poll-interval:PT2S}")
  void poll() {
    try {
      dispatcher.dispatch();
    } catch (RuntimeException e) {
      // the database is away: the next poll tries again, nothing was claimed
      log.warn("Webhook poll failed: {}", e.toString());
    }
  }
}
