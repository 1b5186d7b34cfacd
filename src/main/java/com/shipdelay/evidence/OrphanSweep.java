package com.shipdelay.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes stored objects that belong to no evidence row: what a crash between upload and rollback
 * clean-up could leave. Objects younger than the grace period may still be committing.
 */
@Component
class OrphanSweep {

  private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);
  static final Duration GRACE = Duration.ofHours(1);

  private final ObjectStore store;
  private final JdbcClient jdbc;

  OrphanSweep(ObjectStore store, JdbcClient jdbc) {
    this.store = store;
    this.jdbc = jdbc;
  }

  @Scheduled(
      fixedDelayString = "${shipdelay.evidence.orphan-sweep-interval:PT1H}",
      initialDelay = 60_000)
  void scheduled() {
    try {
      sweep(Instant.now().minus(GRACE));
    } catch (Exception e) {
      log.warn("Orphan sweep failed; it runs again later: {}", e.toString());
    }
  }

  /** Removes the orphans last modified before {@code before}; answers how many. */
  int sweep(Instant before) throws Exception {
    List<String> candidates = store.keysOlderThan("reports/", before);
    if (candidates.isEmpty()) {
      return 0;
    }
    List<String> known =
        jdbc.sql("select object_key from evidence where object_key = any(?)")
            .param(candidates.toArray(String[]::new))
            .query(String.class)
            .list();
    int removed = 0;
    for (String key : candidates) {
      if (!known.contains(key)) {
        store.remove(key);
        removed++;
      }
    }
    if (removed > 0) {
      log.info("Removed {} orphaned evidence objects", removed);
    }
    return removed;
  }
}
