package com.shipdelay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The inbox's documented types are exactly the enum's. */
class NotificationTypeTest {

  @Test
  void theDocumentedTypesAreTheEnumsValues() throws Exception {
    Schema schema =
        NotificationController.Item.class.getDeclaredField("type").getAnnotation(Schema.class);
    assertThat(schema.allowableValues())
        .containsExactly(
            Arrays.stream(NotificationType.values()).map(Enum::name).toArray(String[]::new));
  }
}
