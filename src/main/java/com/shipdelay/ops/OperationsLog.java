package com.shipdelay.ops;

import com.shipdelay.exemption.AnnouncementPublished;
import com.shipdelay.report.ReportEvents;
import com.shipdelay.report.ReportSubmitted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What happened, once it is committed: one audit line per filing, decision, exemption, withdrawal
 * and announcement (logger {@code shipdelay.audit}; deployments are audited where they enter, in
 * the engine REST boundary), and the domain's counters for {@code /actuator/prometheus}. A
 * transaction that rolls back leaves neither. Lines name the acting merchant or user by id and
 * carry no secrets and no merchant text.
 */
@Component
class OperationsLog {

  static final Logger audit = LoggerFactory.getLogger("shipdelay.audit");

  private final MeterRegistry meters;

  OperationsLog(MeterRegistry meters) {
    this.meters = meters;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void filed(ReportSubmitted event) {
    audit.info(
        "action=FILE report={} merchant={} type={} orders={}",
        event.reportId(),
        event.merchantId(),
        event.type(),
        event.orders());
    Counter.builder("shipdelay.reports.filed")
        .description("Reports filed, by type")
        .tag("type", event.type().name())
        .register(meters)
        .increment();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void decided(ReportEvents.Decided event) {
    audit.info(
        "action=DECIDE report={} merchant={} decision={} user={}",
        event.reportId(),
        event.merchantId(),
        event.decision(),
        event.reviewer());
    Counter.builder("shipdelay.report.decisions")
        .description("Review decisions, by outcome")
        .tag("decision", event.decision())
        .tag("type", event.type().name())
        .register(meters)
        .increment();
    Timer.builder("shipdelay.report.decision.time")
        .description("Time from filing to the reviewer's decision")
        .register(meters)
        .record(event.sinceFiling());
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void escalated(ReportEvents.Escalated event) {
    audit.info("action=ESCALATE report={} merchant={}", event.reportId(), event.merchantId());
    Counter.builder("shipdelay.report.escalations")
        .description("Reviews escalated to the review leads after their deadline")
        .register(meters)
        .increment();
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void exempted(ReportEvents.Exempted event) {
    audit.info(
        "action=EXEMPT report={} merchant={} orders={}",
        event.reportId(),
        event.merchantId(),
        event.orders());
    Counter.builder("shipdelay.orders.exempted")
        .description("Orders exempted by approved reports")
        .register(meters)
        .increment(event.orders());
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void withdrawn(ReportEvents.Withdrawn event) {
    audit.info("action=WITHDRAW report={} merchant={}", event.reportId(), event.merchantId());
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void announced(AnnouncementPublished event) {
    audit.info(
        "action=ANNOUNCE announcement={} user={} regions={} orders={}",
        event.announcementId(),
        event.admin(),
        event.regions(),
        event.orders());
  }
}
