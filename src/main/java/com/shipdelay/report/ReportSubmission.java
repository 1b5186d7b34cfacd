package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.ApiTokens;
import com.shipdelay.merchant.DeliveryRestrictions;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.order.OrderFacts;
import com.shipdelay.order.OrderNumbers;
import com.shipdelay.order.OrderSelection;
import com.shipdelay.order.Orders;
import com.shipdelay.region.AddressParser;
import com.shipdelay.region.Regions;
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
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;
  private final ObjectMapper json;
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
      JdbcClient jdbc,
      ObjectMapper json) {
    this.reports = reports;
    this.orders = orders;
    this.policies = policies;
    this.queries = queries;
    this.settings = settings;
    this.events = events;
    this.jdbc = jdbc;
    this.json = json;
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
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      Optional<ReportView> earlier =
          claimIdempotencyKey(merchant, canonical(request, fileOrderIds, evidence), idempotencyKey);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    ReportType type =
        ReportType.parse(request.type())
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.INVALID_TYPE,
                        "报备类型无效：" + request.type() + "。可选值：" + List.of(ReportType.values())));
    if (request.delayUntil() == null) {
      throw field("delayUntil", "请填写延迟发货时间 delayUntil");
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw field("reason", "请填写报备原因 reason");
    }
    TextLimits.check("reason", request.reason().trim(), TextLimits.REASON);
    TextLimits.check("remark", request.remark(), TextLimits.REMARK);
    TypePolicy policy = policies.of(type);
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

    List<String> requested = requestedOrders(merchant, request, fileOrderIds);
    Instant delayUntil = request.delayUntil().toInstant();
    Map<String, OrderFacts> facts = orders.facts(merchant.id(), requested);
    if (type == ReportType.EPIDEMIC
        && (ReportRules.shipFromAffected(merchant.shipFromRegion(), request.affectedRegions())
            || facts.values().stream()
                .anyMatch(
                    o ->
                        ReportRules.shipFromAffected(
                            o.shipFromRegion(), request.affectedRegions())))) {
      throw new ApiException(
          ErrorCode.SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER,
          "发货地位于所选影响区域内：疫情原因报备只适用于买家收货地受影响的情况。发货地受疫情影响时，请改为提交“特殊订单”(SPECIAL_ORDER) 报备。",
          List.of(FieldError.of("affectedRegions", "包含商家发货地")));
    }
    ReportRules.Evaluation evaluation =
        ReportRules.evaluate(
            requested,
            facts,
            new ReportRules.Scope(
                type,
                policy,
                delayUntil,
                request.affectedRegions(),
                type == ReportType.DUAL_ADDRESS
                    ? restrictions.restrictedRegions(merchant.id())
                    : java.util.Set.of(),
                addresses));

    Instant now = Instant.now();
    long reportId =
        reports.insert(
            evidence == null ? null : evidence.reportId(),
            merchant.id(),
            type,
            delayUntil,
            request.reason().trim(),
            request.remark(),
            request.affectedRegions(),
            policy,
            now,
            now.plus(settings.reviewTime()));
    List<ExcludedOrder> excluded = new ArrayList<>(evaluation.excluded());
    if (!evaluation.eligible().isEmpty()) {
      reports
          .claimOrders(reportId, evaluation.eligible())
          .forEach(id -> excluded.add(ExcludedOrder.of(id, ExclusionReason.ALREADY_REPORTED)));
    }
    if (excluded.size() == requested.size()) {
      // the transaction rolls back: no report, no claim, no process instance
      throw new ApiException(
          ErrorCode.NO_ELIGIBLE_ORDERS,
          "没有可报备的订单：所选订单均不符合报备条件",
          excluded.stream()
              .limit(100)
              .map(e -> FieldError.order(e.orderId(), e.reason().name(), e.detail()))
              .toList());
    }
    reports.saveExcluded(reportId, excluded);
    if (evidence != null) {
      evidenceFiles.record(evidence);
    }
    reports.event(
        reportId, "SUBMITTED", "商家提交报备，共 " + (requested.size() - excluded.size()) + " 个订单");
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      jdbc.sql("update idempotency_key set report_id = ? where merchant_id = ? and key = ?")
          .params(reportId, merchant.id(), idempotencyKey)
          .update();
    }
    events.publishEvent(
        new ReportSubmitted(reportId, merchant.id(), type, requested.size() - excluded.size()));
    return queries.detail(merchant, reportId).withExcludedOrders(excluded);
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

  /**
   * Takes the key for this request, or answers the report an earlier identical request made. Two
   * concurrent requests with one key serialise on the key's primary key: the second waits for the
   * first to commit, then sees its row.
   */
  private Optional<ReportView> claimIdempotencyKey(
      Merchant merchant, String canonicalRequest, String key) {
    if (key.length() > 200) {
      throw field("Idempotency-Key", "Idempotency-Key 过长（最多 200 个字符）");
    }
    String hash = ApiTokens.hash(canonicalRequest);
    int taken =
        jdbc.sql(
                """
                insert into idempotency_key (merchant_id, key, request_hash) values (?, ?, ?)
                on conflict (merchant_id, key) do update
                   set request_hash = excluded.request_hash, report_id = null, created_at = now()
                 where idempotency_key.created_at < now() - interval '24 hours'
                """)
            .params(merchant.id(), key, hash)
            .update();
    if (taken == 1) {
      return Optional.empty();
    }
    var existing =
        jdbc.sql(
                "select request_hash, report_id from idempotency_key where merchant_id = ? and key = ?")
            .params(merchant.id(), key)
            .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, Long.class)})
            .single();
    if (!hash.equals(existing[0])) {
      throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "该 Idempotency-Key 已用于另一份不同的报备请求");
    }
    long reportId = (Long) existing[1];
    ReportView view = queries.detail(merchant, reportId);
    return Optional.of(
        view.withExcludedOrders(reports.excluded(reports.find(reportId).orElseThrow())));
  }

  /** What makes two requests "the same body": the report, the file's orders, the evidence. */
  private String canonical(
      SubmitReportRequest request, List<String> fileOrderIds, EvidenceFiles.Staged evidence) {
    try {
      return json.writeValueAsString(
          List.of(
              request,
              fileOrderIds,
              evidence == null ? List.of() : evidenceFiles.identity(evidence)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static ApiException field(String field, String message) {
    return ApiException.invalid(field, message);
  }
}
