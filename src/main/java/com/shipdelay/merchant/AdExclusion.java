package com.shipdelay.merchant;

import java.time.Instant;
import java.util.List;

/**
 * A merchant's ad-exclusion set: the regions it does not deliver to, reduced so that none contains
 * another. {@code version} counts the changes of the set; {@code updatedAt} is null while the
 * merchant never had one.
 */
record AdExclusion(long merchantId, long version, Instant updatedAt, List<String> regions) {}
