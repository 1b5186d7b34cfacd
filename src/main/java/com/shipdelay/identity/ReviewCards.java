package com.shipdelay.identity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facts on each review task's card in Tasklist: task-local variables that the review form sets
 * on every review task, shown by the Tasklist filters with these labels.
 */
public final class ReviewCards {

  public static final Map<String, String> VARIABLES;

  static {
    Map<String, String> cards = new LinkedHashMap<>();
    cards.put("reportId", "报备编号");
    cards.put("merchantName", "商家");
    cards.put("reportTypeLabel", "报备类型");
    cards.put("orderCount", "订单数");
    cards.put("reviewDue", "审核截止（北京时间）");
    VARIABLES = java.util.Collections.unmodifiableMap(cards);
  }

  private ReviewCards() {}
}
