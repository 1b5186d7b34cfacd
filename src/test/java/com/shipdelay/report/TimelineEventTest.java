package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The timeline's documented events are exactly the enum's. */
class TimelineEventTest {

  @Test
  void theDocumentedEventsAreTheEnumsValues() throws Exception {
    Schema schema =
        ReportView.TimelineEntry.class.getDeclaredField("event").getAnnotation(Schema.class);
    assertThat(schema.allowableValues())
        .containsExactly(
            Arrays.stream(TimelineEvent.values()).map(Enum::name).toArray(String[]::new));
  }
}
