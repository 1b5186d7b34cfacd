package com.shipdelay.order;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import com.shipdelay.web.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders", description = "商家订单")
class OrderController {

  private final OrderQueries queries;
  private final Regions regions;

  OrderController(OrderQueries queries, Regions regions) {
    this.queries = queries;
    this.regions = regions;
  }

  @GetMapping
  @Operation(
      operationId = "listOrders",
      summary = "The merchant's orders, paged",
      description =
          """
          Ordered by promised ship time ascending, then order id. Filters: `status`,
          `promisedFrom`/`promisedTo` (half-open [from, to)), `productId` (repeatable), `region`
          (repeatable, any level: a province contains its cities and districts), `reported`
          (claimed by a pending or approved report). `size` is 1…500 (default 50): more answers
          400. An unknown status answers 400, an unknown region 422 `UNKNOWN_REGION`. `report` is
          the order's latest report of any status; `exemption` is why the order is left out of
          the shop metrics.""")
  @ApiErrors({ErrorCode.VALIDATION_FAILED, ErrorCode.UNKNOWN_REGION})
  Page<OrderView> list(
      Merchant merchant,
      @Parameter(schema = @Schema(implementation = OrderStatus.class))
          @RequestParam(required = false)
          String status,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime promisedFrom,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          OffsetDateTime promisedTo,
      @RequestParam(name = "productId", required = false) List<String> productIds,
      @RequestParam(name = "region", required = false) List<String> regionCodes,
      @RequestParam(required = false) Boolean reported,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    List<FieldError> errors = new ArrayList<>();
    OrderStatus parsedStatus = null;
    if (status != null && !status.isBlank()) {
      parsedStatus = OrderStatus.parse(status).orElse(null);
      if (parsedStatus == null) {
        errors.add(FieldError.of("status", "订单状态须为 " + OrderStatus.allowed()));
      }
    }
    if (promisedFrom != null && promisedTo != null && promisedFrom.isAfter(promisedTo)) {
      errors.add(FieldError.of("promisedTo", "promisedTo 不能早于 promisedFrom"));
    }
    List<String> products = productIds == null ? List.of() : productIds;
    products.stream()
        .filter(p -> !OrderNumbers.isProductId(p))
        .forEach(p -> errors.add(FieldError.of("productId", "商品 ID 须为数字字符串：" + p)));
    errors.addAll(Paging.check(page, size));
    ApiException.refuseIfAny(errors, "查询参数校验未通过");
    List<String> regionList = regionCodes == null ? List.of() : regionCodes;
    regions.check().values("region", regionList).orRefuse();
    OrderQuery query =
        new OrderQuery(
            parsedStatus,
            Times.instant("promisedFrom", promisedFrom),
            Times.instant("promisedTo", promisedTo),
            products,
            regionList,
            reported);
    return queries.list(merchant.id(), query, new Paging(page, size));
  }

  @GetMapping("/{orderId}")
  @Operation(
      operationId = "getOrder",
      summary = "One of the merchant's orders",
      description = "404 for an unknown order and for another merchant's order alike.")
  OrderView one(Merchant merchant, @PathVariable String orderId) {
    return queries.one(merchant.id(), orderId);
  }
}
