package com.shipdelay.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The times the API accepts: years 0001 to 9999 (UTC), the four-digit years of RFC 3339. ISO-8601
 * also allows years of up to nine digits, which no order or report can have and which PostgreSQL
 * cannot store; such a time answers 400 {@code DATE_OUT_OF_RANGE}, in a JSON body ({@link
 * JsonConfig}) and in a query parameter ({@link #instant}) alike.
 */
public final class Times {

  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Times() {}

  static boolean inRange(Instant instant) {
    return !instant.isBefore(MIN) && !instant.isAfter(MAX);
  }

  public static String message(String field) {
    return field + " 超出允许的时间范围（0001-01-01 至 9999-12-31，UTC）";
  }

  /** A query parameter as an instant: null when absent, refused when out of range. */
  public static Instant instant(String field, OffsetDateTime value) {
    if (value == null) {
      return null;
    }
    Instant instant = value.toInstant();
    if (!inRange(instant)) {
      throw outOfRange(field);
    }
    return instant;
  }

  static ApiException outOfRange(String field) {
    String message = message(field);
    return new ApiException(
        ErrorCode.DATE_OUT_OF_RANGE, message, List.of(FieldError.of(field, "超出允许的时间范围")));
  }
}
