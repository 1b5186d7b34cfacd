package com.shipdelay.report;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reviewTime how long a reviewer has before the report escalates (48 h by the guide)
 * @param maxOrders the most orders one report may cover
 * @param evidenceWait how long a report waits for missing or requested evidence before it expires
 *     (3 days by default)
 * @param concurrentFilings how many filings one node works on at once (8 by default; {@link
 *     FilingGate})
 * @param filingWait how long a filing waits for its turn before it answers 503 {@code FILINGS_BUSY}
 *     (30 s by default)
 */
@ConfigurationProperties("shipdelay.report")
record ReportSettings(
    Duration reviewTime,
    int maxOrders,
    Duration evidenceWait,
    int concurrentFilings,
    Duration filingWait) {

  public ReportSettings {
    reviewTime = reviewTime == null ? Duration.ofHours(48) : reviewTime;
    maxOrders = maxOrders <= 0 ? 50_000 : maxOrders;
    evidenceWait = evidenceWait == null ? Duration.ofDays(3) : evidenceWait;
    concurrentFilings = concurrentFilings <= 0 ? 8 : concurrentFilings;
    filingWait = filingWait == null ? Duration.ofSeconds(30) : filingWait;
  }
}
