package com.shipdelay.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An {@code Idempotency-Key} protects a retry for 24 hours (after that the same key files a new
 * report, see {@code ReportSubmission}); expired keys are deleted every hour, so the table holds
 * about one day of filings. Safe on several nodes: the delete is idempotent.
 */
@Component
class IdempotencyKeyPurge {

  static final String TTL = "24 hours";
  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPurge.class);

  private final JdbcClient jdbc;

  IdempotencyKeyPurge(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
  int purge() {
    int removed =
        jdbc.sql("delete from idempotency_key where created_at < now() - cast(? as interval)")
            .param(TTL)
            .update();
    if (removed > 0) {
      log.info("Purged {} idempotency keys older than {}", removed, TTL);
    }
    return removed;
  }
}
