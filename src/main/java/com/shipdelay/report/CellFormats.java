package com.shipdelay.report;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/** What a number format says about a numeric cell. */
final class CellFormats {
  private final StylesTable styles;
  private final Map<Integer, String> kinds = new HashMap<>();

  CellFormats(StylesTable styles) {
    this.styles = styles;
  }

  /** "date", "scientific" or "plain". */
  String kind(int styleIndex) {
    if (styles == null || styleIndex < 0 || styleIndex >= styles.getNumCellStyles()) {
      return "plain";
    }
    return kinds.computeIfAbsent(
        styleIndex,
        i -> {
          XSSFCellStyle style = styles.getStyleAt(i);
          if (style == null) {
            return "plain";
          }
          String format = style.getDataFormatString();
          if (format == null) {
            return "plain";
          }
          if (DateUtil.isADateFormat(style.getDataFormat(), format)) {
            return "date";
          }
          String unquoted = format.replaceAll("\"[^\"]*\"", "").toUpperCase(Locale.ROOT);
          return unquoted.contains("E+") || unquoted.contains("E-") ? "scientific" : "plain";
        });
  }
}
