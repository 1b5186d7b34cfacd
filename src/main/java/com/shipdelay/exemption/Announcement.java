package com.shipdelay.exemption;

import java.time.Instant;
import java.util.List;

/**
 * An assessment-adjustment announcement (发货考核调整公告).
 *
 * @param appliesTo which of the order's addresses it looks at: RECEIVING, SHIP_FROM or both
 * @param coveredOrders the orders it covers at the time it is published; only in the answer to its
 *     creation (null in the list, where it would cost a count per announcement)
 */
record Announcement(
    long id,
    String title,
    List<String> regions,
    List<AppliesTo> appliesTo,
    Instant promisedFrom,
    Instant promisedTo,
    String createdBy,
    Instant createdAt,
    Long coveredOrders) {

  /** Which address of an order an announcement looks at. */
  enum AppliesTo {
    RECEIVING,
    SHIP_FROM
  }

  Announcement withCoveredOrders(long count) {
    return new Announcement(
        id, title, regions, appliesTo, promisedFrom, promisedTo, createdBy, createdAt, count);
  }
}
