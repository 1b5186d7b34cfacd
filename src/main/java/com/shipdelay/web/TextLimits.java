package com.shipdelay.web;

import java.util.List;

/**
 * How long free text may be. A reviewer reads every reason in full, and text is stored and shown in
 * task lists, so it has a sensible size; longer text is refused (422 {@code TEXT_TOO_LONG}), not
 * cut, so the merchant knows.
 */
public final class TextLimits {

  public static final int REASON = 1000;
  public static final int REMARK = 500;
  public static final int MERCHANT_NAME = 100;
  public static final int DECISION_COMMENT = 1000;

  private TextLimits() {}

  /** Refuses {@code value} when it has more than {@code max} characters (code points). */
  public static void check(String field, String value, int max) {
    if (value != null && value.codePointCount(0, value.length()) > max) {
      String message =
          field + " 最多 " + max + " 个字符，收到 " + value.codePointCount(0, value.length()) + " 个";
      throw new ApiException(
          ErrorCode.TEXT_TOO_LONG,
          message,
          List.of(FieldError.of(field, message).withMaxLength(max)));
    }
  }
}
