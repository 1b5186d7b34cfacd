package com.shipdelay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.notification.NotificationType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Webhooks offer the inbox's types by name: a new notification type must not be lost there. */
class WebhookEventTypeTest {

  @Test
  void everyReportNotificationTypeIsAWebhookEventType() {
    for (NotificationType type : NotificationType.values()) {
      assertThat(WebhookEventType.isOne(type.name()))
          .as(type.name())
          .isEqualTo(type != NotificationType.WEBHOOK_FAILING);
    }
    assertThat(Arrays.stream(WebhookEventType.values()).map(Enum::name))
        .contains("ORDERS_EXEMPTED_BY_ANNOUNCEMENT");
  }
}
