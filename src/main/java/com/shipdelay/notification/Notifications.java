package com.shipdelay.notification;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The merchant's inbox. */
@Service
public class Notifications {

  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;

  Notifications(JdbcClient jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /**
   * Writes a message to the inbox and tells the listeners ({@link NotificationWritten}) in the same
   * transaction, so what is pushed elsewhere (webhooks) commits or rolls back with the message.
   */
  public void notify(long merchantId, Long reportId, NotificationType type, String message) {
    jdbc.sql("insert into notification (merchant_id, report_id, type, message) values (?, ?, ?, ?)")
        .params(merchantId, reportId, type.name(), message)
        .update();
    events.publishEvent(new NotificationWritten(merchantId, reportId, type.name(), message));
  }
}
