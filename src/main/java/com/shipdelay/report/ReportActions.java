package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.notification.Notifications;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a merchant does to a filed report: supplement its evidence, or withdraw it. */
@Service
class ReportActions {

  private final Reports reports;
  private final EvidenceFiles evidence;
  private final ReportLifecycle lifecycle;
  private final ReportQueries queries;
  private final Notifications notifications;
  private final ApplicationEventPublisher events;

  ReportActions(
      Reports reports,
      EvidenceFiles evidence,
      ReportLifecycle lifecycle,
      ReportQueries queries,
      Notifications notifications,
      ApplicationEventPublisher events) {
    this.reports = reports;
    this.evidence = evidence;
    this.lifecycle = lifecycle;
    this.queries = queries;
    this.notifications = notifications;
    this.events = events;
  }

  /** Refuses evidence for a report that is not the merchant's (404) or no longer open (409). */
  @Transactional(readOnly = true)
  void checkOpenForEvidence(Merchant merchant, long id) {
    refuseEvidence(
        reports
            .findForMerchant(id, merchant.id())
            .orElseThrow(() -> ApiException.notFound("报备不存在：" + id)));
  }

  /**
   * Records evidence already in the store, until the report is decided. A report that waits for
   * evidence moves on. The report row is locked, so the process's evidence check and this upload
   * never miss each other.
   */
  @Transactional
  ReportView supplement(Merchant merchant, long id, EvidenceFiles.Staged staged) {
    refuseEvidence(lockOwn(merchant, id));
    evidence.record(staged);
    // a waiting report wakes up; one under review gets its open task's form refreshed
    lifecycle.evidenceSupplied(id, staged.size());
    events.publishEvent(new ReportEvents.EvidenceSupplied(id));
    return queries.detail(merchant, id);
  }

  private static void refuseEvidence(Reports.Row report) {
    if (!report.status().pending()) {
      throw new ApiException(
          ErrorCode.REPORT_CLOSED, "报备 " + report.id() + " 当前状态为 " + report.status() + "，不能再补充凭证");
    }
    if (report.status() == ReportStatus.AWAITING_EVIDENCE
        && report.evidenceDueAt() != null
        && !report.evidenceDueAt().isAfter(Instant.now())) {
      // the expiry timer has fired or is about to: accepting now would be answered by EXPIRED
      throw new ApiException(
          ErrorCode.EVIDENCE_DEADLINE_PASSED, "报备 " + report.id() + " 的补充凭证期限已过，报备即将失效，请重新提交报备");
    }
  }

  /** Withdraws a report that is not decided yet; its orders are free again. */
  @Transactional
  ReportView withdraw(Merchant merchant, long id) {
    Reports.Row report = lockOwn(merchant, id);
    if (!report.status().pending()) {
      throw new ApiException(
          ErrorCode.REPORT_CLOSED, "报备 " + id + " 已是 " + report.status() + " 状态，不能撤回");
    }
    reports.transition(id, ReportStatus.WITHDRAWN);
    reports.releaseOrders(id);
    reports.event(id, TimelineEvent.WITHDRAWN, "商家撤回了报备");
    // in the inbox too: the merchant's other systems (webhooks) learn of a withdrawal made by
    // another of its tools or staff
    NotificationTexts.Notice notice = NotificationTexts.withdrawn(id);
    notifications.notify(merchant.id(), id, notice.type(), notice.message());
    events.publishEvent(new ReportEvents.Withdrawn(id, merchant.id()));
    return queries.detail(merchant, id);
  }

  private Reports.Row lockOwn(Merchant merchant, long id) {
    return reports
        .lockForMerchant(id, merchant.id())
        .orElseThrow(() -> ApiException.notFound("报备不存在：" + id));
  }
}
