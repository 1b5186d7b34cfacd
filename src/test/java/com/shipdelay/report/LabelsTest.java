package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One source for the names of types, kinds and statuses; unknown codes pass through. */
class LabelsTest {

  @Test
  void namesComeFromTheEnumsAndUnknownCodesShowAsTheyAre() {
    assertThat(Labels.type("EPIDEMIC")).isEqualTo("疫情原因");
    assertThat(Labels.status("IN_REVIEW")).isEqualTo("审核中");
    assertThat(Labels.kind("OFFICIAL_NOTICE")).isEqualTo("官方通知");
    assertThat(Labels.kind("OFFICAL_NOTICE")).isEqualTo("OFFICAL_NOTICE");
    assertThat(Labels.status(null)).isEmpty();
  }

  @Test
  void kindsAreListedWithTheirCodes() {
    assertThat(Labels.kinds(List.of("OFFICIAL_NOTICE", "OTHER")))
        .isEqualTo("官方通知 (OFFICIAL_NOTICE)、其他材料 (OTHER)");
  }
}
