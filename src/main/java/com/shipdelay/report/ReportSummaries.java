package com.shipdelay.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * A report's summary for other features (webhook payloads), read in the caller's transaction, so it
 * shows the state the caller just wrote.
 */
@Service
public class ReportSummaries {

  private final Reports reports;

  ReportSummaries(Reports reports) {
    this.reports = reports;
  }

  /** What a merchant's system needs to act on a report's change, without the evidence. */
  public record ReportSummary(
      long id,
      String type,
      String status,
      Instant createdAt,
      Instant delayUntil,
      int orderCount,
      List<String> affectedRegions,
      Instant reviewDueAt,
      Instant decidedAt,
      String decision,
      String decisionComment) {}

  public Optional<ReportSummary> of(long reportId) {
    return reports
        .find(reportId)
        .map(
            r ->
                new ReportSummary(
                    r.id(),
                    r.type().name(),
                    r.status().name(),
                    r.createdAt(),
                    r.delayUntil(),
                    r.orderCount(),
                    r.affectedRegions(),
                    r.reviewDueAt(),
                    r.decidedAt(),
                    r.decision(),
                    r.decisionComment()));
  }
}
