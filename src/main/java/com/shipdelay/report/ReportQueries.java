package com.shipdelay.report;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads reports for their merchant. Another merchant's report is simply not found. */
@Service
class ReportQueries {

  private final Reports reports;

  ReportQueries(Reports reports) {
    this.reports = reports;
  }

  @Transactional(readOnly = true)
  ReportView detail(Merchant merchant, long id) {
    Reports.Row row =
        reports
            .findForMerchant(id, merchant.id())
            .orElseThrow(() -> ApiException.notFound("报备不存在：" + id));
    return view(row);
  }

  ReportView view(Reports.Row row) {
    return new ReportView(
        row.id(),
        row.type().name(),
        row.status().name(),
        row.createdAt(),
        row.delayUntil(),
        row.orderCount(),
        row.reviewDueAt(),
        row.decidedAt(),
        row.reason(),
        row.remark(),
        row.affectedRegions(),
        row.decision(),
        row.decisionComment(),
        List.of(),
        List.of(),
        reports.timeline(row.id()),
        null);
  }
}
