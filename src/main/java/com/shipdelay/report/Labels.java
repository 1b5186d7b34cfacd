package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceKind;
import com.shipdelay.validation.ReportType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place that turns the codes of report types, evidence kinds and statuses into the Chinese
 * names reviewers and merchants read, and that says how times are shown to them. The names
 * themselves live on the enums; a code no enum knows (an old row, an admin's typo in the DMN table)
 * is shown as it is.
 */
public final class Labels {

  /** Merchants, like reviewers, read times in China Standard Time. */
  public static final DateTimeFormatter DISPLAY_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm '(北京时间)'").withZone(ZoneId.of("Asia/Shanghai"));

  private Labels() {}

  static String type(String code) {
    return label(ReportType.values(), ReportType::label, code);
  }

  static String status(String code) {
    return label(ReportStatus.values(), ReportStatus::label, code);
  }

  public static String kind(String code) {
    return label(EvidenceKind.values(), EvidenceKind::label, code);
  }

  /** "官方通知 (OFFICIAL_NOTICE)、其他材料 (OTHER)": each kind's name, then its code. */
  public static String kinds(Collection<String> codes) {
    return codes.stream().map(k -> kind(k) + " (" + k + ")").collect(Collectors.joining("、"));
  }

  private static <E extends Enum<E>> String label(
      E[] values, Function<E, String> label, String code) {
    if (code == null) {
      return "";
    }
    Optional<E> known = Arrays.stream(values).filter(v -> v.name().equals(code)).findFirst();
    return known.map(label).orElse(code);
  }
}
