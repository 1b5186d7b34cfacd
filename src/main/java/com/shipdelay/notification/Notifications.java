package com.shipdelay.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The merchant's inbox. */
@Service
public class Notifications {

  private final JdbcClient jdbc;

  Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void notify(long merchantId, Long reportId, String type, String message) {
    jdbc.sql("insert into notification (merchant_id, report_id, type, message) values (?, ?, ?, ?)")
        .params(merchantId, reportId, type, message)
        .update();
  }
}
