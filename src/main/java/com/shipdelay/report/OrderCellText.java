package com.shipdelay.report;

import java.util.Locale;
import java.util.Set;

/** Text and cell-reference helpers for reading an order file's cells. */
final class OrderCellText {

  /** Header texts, compared after lower-casing and dropping spaces, '_', '-', '#' and '.'. */
  private static final Set<String> HEADERS =
      Set.of(
          "订单号", "订单编号", "订单id", "订单号码", "orderid", "orderno", "ordernumber", "ordercode", "order");

  private OrderCellText() {}

  static boolean isHeader(String text) {
    String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-#.:：]", "");
    return HEADERS.contains(key);
  }

  /** Trims ASCII and Unicode spaces, no-break spaces, zero-width spaces and a BOM. */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && blank(text.charAt(start))) {
      start++;
    }
    while (end > start && blank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }

  static String shown(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  static int parseInt(String text, int fallback) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The 1-based column of a reference such as "AB12". */
  static int columnOf(String ref, int fallback) {
    int column = 0;
    int i = 0;
    while (i < ref.length()) {
      char c = Character.toUpperCase(ref.charAt(i));
      if (c < 'A' || c > 'Z') {
        break;
      }
      column = column * 26 + (c - 'A' + 1);
      i++;
    }
    return column == 0 ? fallback : column;
  }

  /** "A" for 1, "AB" for 28. */
  static String columnName(int column) {
    StringBuilder name = new StringBuilder();
    for (int c = column; c > 0; c = (c - 1) / 26) {
      name.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return name.toString();
  }
}
