package com.shipdelay.order;

import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins recompute the stored orders' regions. The admin filter has already checked the caller. */
@RestController
@RequestMapping("/api/v1/admin/orders/recompute-regions")
@Tag(name = "Admin", description = "平台管理")
class AdminRegionController {

  private final RegionRecompute recompute;

  AdminRegionController(RegionRecompute recompute) {
    this.recompute = recompute;
  }

  @PostMapping
  @ApiErrors({ErrorCode.RECOMPUTE_RUNNING})
  @Operation(
      operationId = "recomputeOrderRegions",
      summary = "Recompute every stored order's regions with this node's parser and dictionary",
      description =
          """
          Admin only. Re-parses every order's stored receiving address (the address is never
          changed) and writes `receivingRegion`, `addressRegions` and `dualAddress` where they
          differ; a region the platform sent stays the receiving region. Batches of 2,000 orders,
          one transaction each; about a minute per million orders. Answers
          `{ "version", "checked", "changed", "millis" }`; 409 `RECOMPUTE_RUNNING` while another
          run (a node's start-up run, or another admin's) holds the database's lock.""")
  RegionRecompute.Result run(HttpServletRequest http) {
    Object admin = http.getAttribute("shipdelay.admin");
    return recompute
        .run(false, admin == null ? null : admin.toString())
        .orElseThrow(() -> new ApiException(ErrorCode.RECOMPUTE_RUNNING, "地区重算正在进行中，请稍后查看进度后再试"));
  }

  @GetMapping
  @Operation(
      operationId = "orderRegionsState",
      summary = "Which parser and dictionary computed the stored regions",
      description =
          """
          `currentVersion` is this node's parser and dictionary, `computedVersion` the one every
          stored order was last recomputed with; `needed` when they differ. `runningVersion`,
          `checked`, `changed`, `startedAt` and `finishedAt` describe the latest run (a running or
          stopped one has a `runningVersion`).""")
  RegionRecompute.State state() {
    return recompute.state();
  }
}
