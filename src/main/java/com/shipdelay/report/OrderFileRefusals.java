package com.shipdelay.report;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.util.List;
import java.util.Locale;

/**
 * The errors an uploaded order file is refused with, and how POI's zip-bomb guard is told apart.
 */
final class OrderFileRefusals {

  private OrderFileRefusals() {}

  /**
   * POI reports its zip-bomb guard only through the message of an exception it may wrap several
   * times, so the whole cause chain is searched.
   */
  static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("zip bomb")
            || m.contains("max. ratio")
            || m.contains("max_entry_size")
            || m.contains("potentially malicious")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  static ApiException zipBomb() {
    return new ApiException(
        ErrorCode.ORDER_FILE_TOO_LARGE,
        "订单文件解压后的内容过大或压缩比异常（疑似压缩炸弹），已拒绝读取；请使用报备订单模板，只在 A 列填写订单号后重新上传");
  }

  static ApiException unsupported(String message) {
    return new ApiException(ErrorCode.UNSUPPORTED_ORDER_FILE_TYPE, message);
  }

  static ApiException invalid(String message, List<FieldError> errors) {
    return new ApiException(ErrorCode.INVALID_ORDER_FILE, message, errors);
  }
}
