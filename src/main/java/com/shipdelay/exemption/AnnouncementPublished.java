package com.shipdelay.exemption;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Published inside the transaction that saves an admin's announcement: for the audit log (after
 * commit) and the merchants' webhooks (recorded in the same transaction).
 *
 * @param orders the orders it covers now, in all
 * @param ordersByMerchant the same, per merchant id; merchants with none are absent
 */
public record AnnouncementPublished(
    long announcementId,
    String admin,
    String title,
    List<String> regions,
    Instant promisedFrom,
    Instant promisedTo,
    long orders,
    Map<Long, Long> ordersByMerchant) {}
