package com.shipdelay.metrics;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Metrics", description = "店铺发货指标")
class MetricsController {

  static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final ShippingMetricsQuery query;

  MetricsController(ShippingMetricsQuery query) {
    this.query = query;
  }

  @GetMapping("/api/v1/metrics/shipping")
  @Operation(
      operationId = "getShippingMetrics",
      summary = "The merchant's on-time shipment rate and pickup anomaly rate over a period",
      description =
          """
          The period is the promised ship time, half-open [`from`, `to`); both are required
          (400 `VALIDATION_FAILED`), `from` must be before `to` (422 `INVALID_WINDOW`) and the
          window at most 366 days (422 `WINDOW_TOO_LONG`). Judged at the time of the request.

          - `due`: the merchant's orders promised in the period, cancelled ones left out.
          - `exemptByReport`: due orders an approved report exempts (`delayUntil`) that shipped by
            `delayUntil` or are unshipped while `delayUntil` has not passed. An exempt order that
            ships after `delayUntil`, or is still unshipped after it, is no longer exempt and
            counts again (as late, unless an announcement covers it).
          - `exemptByAnnouncement`: due orders an assessment-adjustment announcement covers
            (promised time in its window, the chosen address in its regions), less those already
            in `exemptByReport`: an order exempt both ways counts once, as `exemptByReport`.
          - `counted` = due − exemptByReport − exemptByAnnouncement − the unshipped orders not yet
            due (promised time after now), which are left out of numerator and denominator until
            they are. An order synced as SHIPPED with no shipment time cannot be judged and is
            left out the same way. So `counted` = `shippedOnTime` + `late`.
          - `shippedOnTime`: counted orders shipped at or before their promised time.
          - `late`: counted orders shipped after their promised time, plus unshipped orders past it.
          - `onTimeShipmentRate` = shippedOnTime / counted.
          - `shipped`: the period's shipped orders (with a shipment time), exempt ones left out.
          - `pickupAnomalies`: of those, the ones not picked up within the configured hours of
            shipping (`shipdelay.metrics.pickup-hours`, default 24; exactly 24 h is in time),
            including those never picked up once that time has passed since shipping. One shipped
            less than that long ago and not yet picked up is not an anomaly (yet).
          - `pickupAnomalyRate` = pickupAnomalies / shipped.

          A rate with an empty denominator is null. Rates are not rounded.""")
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_WINDOW, ErrorCode.WINDOW_TOO_LONG})
  ShippingMetrics shipping(
      Merchant merchant,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime to) {
    List<FieldError> errors = new ArrayList<>();
    if (from == null) {
      errors.add(FieldError.of("from", "请填写统计周期的起点 from（承诺发货时间）"));
    }
    if (to == null) {
      errors.add(FieldError.of("to", "请填写统计周期的终点 to（承诺发货时间）"));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "查询参数校验未通过", errors);
    }
    Instant start = Times.instant("from", from);
    Instant end = Times.instant("to", to);
    if (!start.isBefore(end)) {
      throw new ApiException(
          ErrorCode.INVALID_WINDOW, "统计周期无效：from 须早于 to", List.of(FieldError.of("to", "须晚于 from")));
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new ApiException(
          ErrorCode.WINDOW_TOO_LONG,
          "统计周期最长 366 天，请缩短 from 与 to 之间的时间",
          List.of(FieldError.of("to", "统计周期最长 366 天")));
    }
    return query.compute(merchant.id(), start, end, Instant.now());
  }
}
