package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.DeliveryRestrictions;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.order.OrderFacts;
import com.shipdelay.order.OrderNumbers;
import com.shipdelay.order.OrderSelection;
import com.shipdelay.order.Orders;
import com.shipdelay.region.AddressParser;
import com.shipdelay.region.Regions;
import com.shipdelay.validation.ExcludedOrder;
import com.shipdelay.validation.ExclusionReason;
import com.shipdelay.validation.ReportRules;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicies;
import com.shipdelay.validation.TypePolicy;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.TextLimits;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a report: picks the orders, applies the rules, claims the orders and starts the process,
 * all in one transaction, so a refused request leaves nothing behind.
 */
@Service
class ReportSubmission {

  private final Reports reports;
  private final Orders orders;
  private final TypePolicies policies;
  private final ReportQueries queries;
  private final ReportSettings settings;
  private final ApplicationEventPublisher events;
  private final IdempotencyKeys idempotencyKeys;
  private final EvidenceFiles evidenceFiles;
  private final Regions regions;
  private final AddressParser addresses;
  private final DeliveryRestrictions restrictions;

  ReportSubmission(
      EvidenceFiles evidenceFiles,
      Regions regions,
      AddressParser addresses,
      DeliveryRestrictions restrictions,
      Reports reports,
      Orders orders,
      TypePolicies policies,
      ReportQueries queries,
      ReportSettings settings,
      ApplicationEventPublisher events,
      IdempotencyKeys idempotencyKeys) {
    this.reports = reports;
    this.orders = orders;
    this.policies = policies;
    this.queries = queries;
    this.settings = settings;
    this.events = events;
    this.idempotencyKeys = idempotencyKeys;
    this.evidenceFiles = evidenceFiles;
    this.regions = regions;
    this.addresses = addresses;
    this.restrictions = restrictions;
  }

  @Transactional
  public ReportView submit(Merchant merchant, SubmitReportRequest request, String idempotencyKey) {
    return submit(merchant, request, List.of(), null, idempotencyKey);
  }

  /**
   * The id a filing with files will have: its evidence is stored under it before the filing's
   * transaction begins ({@link EvidenceFiles#stage}).
   */
  long newReportId() {
    return reports.nextId();
  }

  /**
   * @param fileOrderIds order numbers read from an uploaded order file, added to the request's
   * @param evidence evidence files already in the store for the report (their report id is the new
   *     report's), or null for a filing without files
   */
  @Transactional
  public ReportView submit(
      Merchant merchant,
      SubmitReportRequest request,
      List<String> fileOrderIds,
      EvidenceFiles.Staged evidence,
      String idempotencyKey) {
    if (IdempotencyKeys.given(idempotencyKey)) {
      Optional<ReportView> earlier =
          idempotencyKeys.claim(merchant, idempotencyKey, request, fileOrderIds, evidence);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    ReportType type = type(request);
    checkFields(request);
    TypePolicy policy = policies.of(type); // evaluates the DMN table: once per filing
    checkRegions(request, type, policy);
    List<String> requested = requestedOrders(merchant, request, fileOrderIds);
    Map<String, OrderFacts> facts = orders.facts(merchant.id(), requested);
    ReportRules.Evaluation evaluation = evaluate(merchant, request, type, policy, requested, facts);

    Instant now = Instant.now();
    long reportId =
        reports.insert(
            evidence == null ? null : evidence.reportId(),
            merchant.id(),
            type,
            request.delayUntil().toInstant(),
            request.reason().trim(),
            request.remark(),
            request.affectedRegions(),
            policy,
            now,
            now.plus(settings.reviewTime()));
    List<ExcludedOrder> excluded = claim(reportId, requested, evaluation);
    reports.saveExcluded(reportId, excluded);
    if (evidence != null) {
      evidenceFiles.record(evidence);
    }
    int filed = requested.size() - excluded.size();
    reports.event(reportId, TimelineEvent.SUBMITTED, "商家提交报备，共 " + filed + " 个订单");
    if (IdempotencyKeys.given(idempotencyKey)) {
      idempotencyKeys.bind(merchant, idempotencyKey, reportId);
    }
    events.publishEvent(new ReportSubmitted(reportId, merchant.id(), type, filed));
    return queries.detail(merchant, reportId).withExcludedOrders(excluded);
  }

  private static ReportType type(SubmitReportRequest request) {
    return ReportType.parse(request.type())
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.INVALID_TYPE,
                    "报备类型无效：" + request.type() + "。可选值：" + List.of(ReportType.values())));
  }

  /** The request's own fields, before any rule is asked. */
  private static void checkFields(SubmitReportRequest request) {
    if (request.delayUntil() == null) {
      throw field("delayUntil", "请填写延迟发货时间 delayUntil");
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw field("reason", "请填写报备原因 reason");
    }
    TextLimits.check("reason", request.reason().trim(), TextLimits.REASON);
    TextLimits.check("remark", request.remark(), TextLimits.REMARK);
  }

  /** The request's regions: known codes, and affected regions where the type is bound to them. */
  private void checkRegions(SubmitReportRequest request, ReportType type, TypePolicy policy) {
    if (policy.regionBound() && request.affectedRegions().isEmpty()) {
      throw new ApiException(
          ErrorCode.MISSING_AFFECTED_REGIONS,
          type.label() + "类报备须填写影响区域 affectedRegions",
          List.of(FieldError.of("affectedRegions", "必填")));
    }
    regions
        .check()
        .values("affectedRegions", request.affectedRegions())
        .values(
            "orderFilter.regions",
            request.orderFilter() == null ? null : request.orderFilter().regions())
        .orRefuse();
  }

  /** Applies the type's rules ({@link ReportRules}) to the requested orders. */
  private ReportRules.Evaluation evaluate(
      Merchant merchant,
      SubmitReportRequest request,
      ReportType type,
      TypePolicy policy,
      List<String> requested,
      Map<String, OrderFacts> facts) {
    if (ReportRules.shipFromRefused(
        type, merchant.shipFromRegion(), facts.values(), request.affectedRegions())) {
      throw new ApiException(
          ErrorCode.SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER,
          "发货地位于所选影响区域内：疫情原因报备只适用于买家收货地受影响的情况。发货地受疫情影响时，请改为提交“特殊订单”(SPECIAL_ORDER) 报备。",
          List.of(FieldError.of("affectedRegions", "包含商家发货地")));
    }
    return ReportRules.evaluate(
        requested,
        facts,
        new ReportRules.Scope(
            type,
            policy,
            request.delayUntil().toInstant(),
            request.affectedRegions(),
            ReportRules.restrictedScope(type, () -> restrictions.restrictedRegions(merchant.id())),
            addresses));
  }

  /**
   * Claims the eligible orders; answers every order left out, including those another report holds.
   * With none claimed the filing is refused and its transaction rolls back: no report, no claim, no
   * process instance.
   */
  private List<ExcludedOrder> claim(
      long reportId, List<String> requested, ReportRules.Evaluation evaluation) {
    List<ExcludedOrder> excluded = new ArrayList<>(evaluation.excluded());
    if (!evaluation.eligible().isEmpty()) {
      reports
          .claimOrders(reportId, evaluation.eligible())
          .forEach(id -> excluded.add(ExcludedOrder.of(id, ExclusionReason.ALREADY_REPORTED)));
    }
    if (excluded.size() == requested.size()) {
      throw new ApiException(
          ErrorCode.NO_ELIGIBLE_ORDERS,
          "没有可报备的订单：所选订单均不符合报备条件",
          excluded.stream()
              .limit(100)
              .map(e -> FieldError.order(e.orderId(), e.reason().name(), e.detail()))
              .toList());
    }
    return excluded;
  }

  /** The order ids asked for: the list, then the filter's matches, without duplicates. */
  private List<String> requestedOrders(
      Merchant merchant, SubmitReportRequest request, List<String> fileOrderIds) {
    var ids = new LinkedHashSet<String>();
    List<FieldError> errors = new ArrayList<>();
    for (String id : request.orderIds()) {
      String trimmed = id == null ? "" : id.trim();
      if (!OrderNumbers.isOrderNumber(trimmed)) {
        errors.add(FieldError.of("orderIds", "订单号须为数字字符串：" + id));
      } else {
        ids.add(trimmed);
      }
    }
    ApiException.refuseIfAny(errors, "订单号格式不正确");
    SubmitReportRequest.OrderFilter filter = request.orderFilter();
    if (filter != null) {
      OrderSelection selection =
          new OrderSelection(
              instant(filter.promisedFrom()),
              instant(filter.promisedTo()),
              filter.productIds(),
              filter.regions());
      ids.addAll(orders.pendingMatching(merchant.id(), selection, settings.maxOrders() + 1));
    }
    ids.addAll(fileOrderIds);
    if (request.orderIds().isEmpty() && filter == null && fileOrderIds.isEmpty()) {
      throw field("orderIds", "请通过 orderIds、orderFilter 或 orderFile 选择订单");
    }
    if (ids.size() > settings.maxOrders()) {
      throw new ApiException(
          ErrorCode.TOO_MANY_ORDERS, "一次报备最多包含 " + settings.maxOrders() + " 个订单，请缩小筛选范围");
    }
    if (ids.isEmpty()) {
      throw new ApiException(ErrorCode.NO_ELIGIBLE_ORDERS, "没有可报备的订单：筛选条件没有匹配到待发货订单");
    }
    return List.copyOf(ids);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static ApiException field(String field, String message) {
    return ApiException.invalid(field, message);
  }
}
