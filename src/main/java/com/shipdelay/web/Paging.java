package com.shipdelay.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The paging parameters of a list ({@code ?page=0&size=50}), checked when made: a list query takes
 * a {@code Paging}, so no paged list can skip the check. {@code page} is 0-based; {@code size} is 1
 * to {@value #MAX_SIZE}; anything else answers 400 {@code VALIDATION_FAILED} naming the parameter.
 */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 500;
  public static final int DEFAULT_SIZE = 50;

  public Paging {
    List<FieldError> errors = check(page, size);
    if (!errors.isEmpty()) {
      // one parameter wrong (the usual case): its message is the whole story
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          errors.size() == 1 ? errors.get(0).message() : "分页参数校验未通过",
          errors);
    }
  }

  /**
   * What is wrong with {@code page} and {@code size}, for a caller that reports them together with
   * its other parameters before making the {@code Paging}.
   */
  public static List<FieldError> check(int page, int size) {
    List<FieldError> errors = new ArrayList<>();
    if (page < 0) {
      errors.add(FieldError.of("page", "page 不能小于 0"));
    }
    if (size < 1 || size > MAX_SIZE) {
      errors.add(FieldError.of("size", "size 须在 1 到 " + MAX_SIZE + " 之间"));
    }
    return errors;
  }

  /** The first row of the page (for {@code offset ?}). */
  public long offset() {
    return (long) page * size;
  }

  public <T> Page<T> page(List<T> items, long total) {
    return new Page<>(items, page, size, total);
  }
}
