package com.shipdelay.notification;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "商家消息")
class NotificationController {

  private final JdbcClient jdbc;

  NotificationController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Schema(name = "Notification")
  record Item(
      long id,
      Instant at,
      // the values of NotificationType, written out: the document's global enumsAsRef would turn
      // implementation = NotificationType.class into a shared schema, and the contract keeps this
      // list inline (NotificationTypeTest keeps the two equal)
      @Schema(
              allowableValues = {
                "REPORT_APPROVED",
                "REPORT_REJECTED",
                "EVIDENCE_REQUESTED",
                "REVIEW_DELAYED",
                "REPORT_EXPIRED",
                "REPORT_INVALID",
                "REPORT_WITHDRAWN",
                "WEBHOOK_FAILING"
              })
          String type,
      Long reportId,
      String message) {}

  @GetMapping("/api/v1/notifications")
  @Operation(operationId = "listNotifications", summary = "The merchant's inbox, newest first")
  Page<Item> inbox(
      Merchant merchant,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    Paging paging = new Paging(page, size);
    long total =
        jdbc.sql("select count(*) from notification where merchant_id = ?")
            .param(merchant.id())
            .query(Long.class)
            .single();
    List<Item> items =
        jdbc.sql(
                """
                select id, at, type, report_id, message from notification
                 where merchant_id = ? order by at desc, id desc limit ? offset ?
                """)
            .params(merchant.id(), paging.size(), paging.offset())
            .query(
                (rs, n) ->
                    new Item(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getString(3),
                        rs.getObject(4, Long.class),
                        rs.getString(5)))
            .list();
    return paging.page(items, total);
  }
}
