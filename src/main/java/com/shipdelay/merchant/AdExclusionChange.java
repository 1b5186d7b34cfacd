package com.shipdelay.merchant;

import java.time.Instant;
import java.util.List;

/** One entry of the platform's change feed: a merchant's set as it became at {@code at}. */
record AdExclusionChange(
    long seq, long merchantId, long version, List<String> regions, Instant at) {}
