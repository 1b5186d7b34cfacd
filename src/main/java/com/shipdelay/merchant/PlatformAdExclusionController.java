package com.shipdelay.merchant;

import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Platform", description = "平台系统接口")
class PlatformAdExclusionController {

  static final int MAX_LIMIT = 500;

  private final AdExclusions exclusions;

  PlatformAdExclusionController(AdExclusions exclusions) {
    this.exclusions = exclusions;
  }

  @Schema(name = "AdExclusionFeed")
  record Feed(List<AdExclusionChange> items, long nextSinceVersion) {}

  @GetMapping("/api/v1/platform/ad-exclusions")
  @Transactional(readOnly = true)
  @Operation(
      operationId = "listAdExclusionChanges",
      summary = "Change feed of all merchants' ad-exclusion sets",
      description =
          "sinceVersion is a position in ONE global, monotonically increasing sequence over all"
              + " merchants (each item's seq), not a merchant's own version. Items are the changes"
              + " with seq > sinceVersion, oldest first, each with the merchant's whole new set and"
              + " its per-merchant version. Pass nextSinceVersion (the last seq returned, or the"
              + " given value when there is nothing new) as the next call's sinceVersion. Start"
              + " from 0. Changes become visible in seq order, so no change is skipped.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  Feed changes(
      @Parameter(description = "global feed position (seq) already read; 0 for everything")
          @RequestParam(defaultValue = "0")
          long sinceVersion,
      @Parameter(description = "at most this many items; 500 at most")
          @RequestParam(defaultValue = "500")
          int limit) {
    if (sinceVersion < 0 || limit < 1) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "sinceVersion 须 ≥ 0，limit 须 ≥ 1");
    }
    List<AdExclusionChange> items =
        exclusions.changesSince(sinceVersion, Math.min(limit, MAX_LIMIT));
    long next = items.isEmpty() ? sinceVersion : items.get(items.size() - 1).seq();
    return new Feed(items, next);
  }
}
