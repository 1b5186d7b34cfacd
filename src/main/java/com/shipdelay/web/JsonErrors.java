package com.shipdelay.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.util.List;

/**
 * What a JSON body that cannot be read answers: a time out of range, a null where none may be, or
 * plain malformed input, each with the field's JSON path and never the parser's own (English, Java
 * type naming) message.
 */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * @param part the multipart part the JSON came in, prefixed to the field path; null for a body
   * @param malformed the message when the JSON is simply malformed
   */
  public static ApiException refusal(Throwable e, String part, String malformed) {
    String path = e instanceof JsonMappingException m ? path(m) : "";
    String field =
        part == null
            ? path
            : path.isEmpty() ? part : part + (path.startsWith("[") ? "" : ".") + path;
    if (e instanceof JsonConfig.DateOutOfRangeException) {
      return Times.outOfRange(field);
    }
    if (e instanceof InvalidNullException && !field.isEmpty()) {
      return new ApiException(
          ErrorCode.VALIDATION_FAILED,
          field + " 不能为 null",
          List.of(FieldError.of(field, "不能为 null")));
    }
    return new ApiException(
        ErrorCode.MALFORMED_REQUEST,
        malformed,
        field.isEmpty() ? List.of() : List.of(FieldError.of(field, "格式不正确")));
  }

  /** {@code orderFilter.productIds[0]}: the names and indexes of the path. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
