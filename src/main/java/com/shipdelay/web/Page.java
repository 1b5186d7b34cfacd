package com.shipdelay.web;

import java.util.List;

/** A page of a list, as every paged answer of the API has it. */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 500;

  /** Checks the paging parameters; answers the row offset. */
  public static long offset(int page, int size) {
    if (page < 0) {
      throw ApiException.badRequest("VALIDATION_FAILED", "page 不能小于 0");
    }
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest("VALIDATION_FAILED", "size 须在 1 到 " + MAX_SIZE + " 之间");
    }
    return (long) page * size;
  }
}
