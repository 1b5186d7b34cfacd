package com.shipdelay.order;

import java.util.regex.Pattern;

/**
 * What an order number (and a product id) is: a string of 1 to {@value #MAX_LENGTH} ASCII digits,
 * as the platform issues them and {@code varchar(32)} stores them. Checked here for every way one
 * comes in: a report's {@code orderIds}, an order file's cells, the platform's sync and the order
 * list's filters.
 */
public final class OrderNumbers {

  public static final int MAX_LENGTH = 32;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1," + MAX_LENGTH + "}");

  private OrderNumbers() {}

  public static boolean isOrderNumber(String value) {
    return value != null && DIGITS.matcher(value).matches();
  }

  /** Product ids have the order numbers' form. */
  public static boolean isProductId(String value) {
    return isOrderNumber(value);
  }
}
