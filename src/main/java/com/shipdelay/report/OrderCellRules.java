package com.shipdelay.report;

import static com.shipdelay.report.OrderCellText.columnName;
import static com.shipdelay.report.OrderCellText.shown;

import com.shipdelay.order.OrderNumbers;
import com.shipdelay.web.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The verdict on each non-empty cell of an order file: its order number is kept, or the cell is
 * collected as an error with the fix to make (up to {@link OrderFileReader#MAX_LISTED_ERRORS}, all
 * of them counted).
 */
final class OrderCellRules {

  /** Integers below 10^15 survive Excel's 15 significant digits exactly. */
  private static final BigDecimal EXACT_LIMIT = BigDecimal.TEN.pow(15);

  private static final int MAX_LENGTH = OrderFileReader.MAX_ORDER_ID_LENGTH;

  private static final String ONLY_COLUMN_A = "只能在 A 列填写订单号，其他列须留空";

  final Set<String> orderIds = new LinkedHashSet<>();
  final List<FieldError> errors = new ArrayList<>();
  int errorCount;

  void fail(int row, int column, String message) {
    errorCount++;
    if (errors.size() < OrderFileReader.MAX_LISTED_ERRORS) {
      errors.add(FieldError.cell(row, columnName(column), message));
    }
  }

  void formula(int row, int column) {
    fail(
        row,
        column,
        column == 1
            ? "订单号不能是公式，请复制该列后选择性粘贴为\"数值\"，并将 A 列设置为\"文本\"格式"
            : "只能在 A 列填写订单号，" + columnName(column) + row + " 须留空（此处是公式）");
  }

  /** A logical, error or date value: no order number, whatever column it is in. */
  void notText(int row, int column, String whatItIs) {
    fail(row, column, column == 1 ? "不是订单号（" + whatItIs + "）" : ONLY_COLUMN_A);
  }

  /** A trimmed, non-empty text that is not the header. */
  void text(int row, int column, String trimmed) {
    if (column != 1) {
      fail(row, column, ONLY_COLUMN_A + "（内容：" + shown(trimmed) + "）");
    } else if (OrderNumbers.isOrderNumber(trimmed)) {
      orderIds.add(trimmed);
    } else if (trimmed.length() > MAX_LENGTH && trimmed.chars().allMatch(Character::isDigit)) {
      fail(row, column, "订单号过长：最多 " + MAX_LENGTH + " 位数字");
    } else {
      fail(row, column, "「" + shown(trimmed) + "」不是有效的订单号：订单号只能由 1–" + MAX_LENGTH + " 位半角数字组成");
    }
  }

  /** The raw value of a numeric cell, judged with the number format of its style. */
  void number(int row, int column, String raw, CellFormats formats, int style) {
    if (column != 1) {
      fail(row, column, ONLY_COLUMN_A);
      return;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      fail(row, column, "单元格内容损坏，无法读取");
      return;
    }
    String kind = formats.kind(style);
    String problem = numberProblem(number, raw, kind);
    if (problem != null) {
      fail(row, column, problem);
    } else {
      orderIds.add(number.toBigIntegerExact().toString());
    }
  }

  /** Why the number is no order number that can be trusted; null when it is one. */
  private static String numberProblem(BigDecimal number, String raw, String kind) {
    if ("date".equals(kind)) {
      return "不是订单号（这是日期）";
    }
    if (number.signum() < 0) {
      return "「" + shown(raw) + "」不是有效的订单号：订单号只能由数字组成";
    }
    try {
      number.toBigIntegerExact(); // throws when the number has a fraction
    } catch (ArithmeticException e) {
      return "「" + shown(raw) + "」不是有效的订单号：订单号不能有小数";
    }
    if (number.compareTo(EXACT_LIMIT) >= 0) {
      return "订单号被 Excel 存成了数字（"
          + shown(raw)
          + "），超过 15 位的数字在 Excel 中会丢失末尾的位数，无法还原准确的订单号。"
          + OrderFileReader.TEXT_FIX;
    }
    if ("scientific".equals(kind)) {
      return "订单号显示为科学计数法（" + shown(raw) + "），无法确认是准确的订单号。" + OrderFileReader.TEXT_FIX;
    }
    return null;
  }
}
