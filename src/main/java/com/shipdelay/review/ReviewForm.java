package com.shipdelay.review;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.identity.ReviewCards;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.merchant.Merchants;
import com.shipdelay.region.AddressParser;
import com.shipdelay.region.Region;
import com.shipdelay.region.Regions;
import com.shipdelay.report.Labels;
import com.shipdelay.report.ReportsForReview;
import com.shipdelay.report.ReportsForReview.OrderLine;
import com.shipdelay.validation.ExcludedOrder;
import com.shipdelay.validation.TypePolicy;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a reviewer sees of a report: the task's name and description in the Tasklist list, the facts
 * on its card, and the review form's content. It is read afresh whenever the task is created or the
 * report changes under an open task (a supplement), so the form never shows a stale list.
 *
 * <p>Merchant text (reason, remark, file names, merchant name) goes into the form's Markdown only
 * through {@link Markdown#literal}; the plain variables ({@link ReviewCards#VARIABLES}) are for the
 * Tasklist card, which shows values as text.
 */
@Service
public class ReviewForm {

  /** How many orders the form lists; the rest are in the order list download. */
  static final int ORDERS_SHOWN = 50;

  private static final DateTimeFormatter DISPLAY_TIME = Labels.DISPLAY_TIME;
  private static final DateTimeFormatter SHORT_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  private final ReportsForReview reports;
  private final Merchants merchants;
  private final EvidenceFiles evidence;
  private final Regions regions;
  private final AddressParser addresses;

  ReviewForm(
      ReportsForReview reports,
      Merchants merchants,
      EvidenceFiles evidence,
      Regions regions,
      AddressParser addresses) {
    this.reports = reports;
    this.merchants = merchants;
    this.evidence = evidence;
    this.regions = regions;
    this.addresses = addresses;
  }

  /**
   * The task-local variables {@link #of} sets: the form's copy of the report. Their history is not
   * written (workflow's ReviewFormHistoryAdapter says why).
   */
  public static final Set<String> VARIABLES =
      Set.of(
          "reportId",
          "merchantName",
          "reportTypeLabel",
          "orderCount",
          "reviewDue",
          "escalated",
          "merchantNameText",
          "reportType",
          "excludedCount",
          "exclusionSummary",
          "delayUntil",
          "reasonText",
          "remarkText",
          "affectedRegions",
          "ruleFindings",
          "orderList",
          "evidenceLinks");

  /** A review task's name, description and task-local variables. */
  public record Content(String name, String description, Map<String, Object> variables) {}

  @Transactional(readOnly = true)
  public Content of(long reportId, boolean escalated) {
    ReportsForReview.Facts report = reports.facts(reportId);
    String merchant = merchants.findById(report.merchantId()).map(Merchant::name).orElse("");
    String due = DISPLAY_TIME.format(report.reviewDueAt());
    String name = name(reportId, report, merchant, escalated);
    String description =
        "商家："
            + merchant
            + "；类型："
            + report.type().label()
            + "；订单 "
            + report.orderCount()
            + " 个；审核截止："
            + due
            + (escalated ? "；已超过审核时限，升级给审核组长" : "");

    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("reportId", reportId);
    vars.put("merchantName", merchant);
    vars.put("reportTypeLabel", report.type().label());
    vars.put("orderCount", report.orderCount());
    vars.put("reviewDue", due);
    vars.put("escalated", escalated);
    // the form's Markdown: every merchant-written value is made literal
    List<ExcludedOrder> excluded = report.excluded();
    vars.put("merchantNameText", Markdown.literal(merchant));
    vars.put("reportType", report.type().name());
    vars.put("excludedCount", excluded.size());
    vars.put("exclusionSummary", exclusionSummary(excluded));
    vars.put("delayUntil", DISPLAY_TIME.format(report.delayUntil()));
    vars.put("reasonText", Markdown.literal(report.reason()));
    vars.put(
        "remarkText",
        report.remark() == null || report.remark().isBlank()
            ? "（无）"
            : Markdown.literal(report.remark()));
    vars.put(
        "affectedRegions",
        report.affectedRegions().isEmpty()
            ? "（不适用）"
            : report.affectedRegions().stream()
                .map(this::regionLabel)
                .collect(Collectors.joining("、")));
    vars.put("ruleFindings", ruleFindings(report));
    vars.put("orderList", orderList(reportId, report.orderCount()));
    vars.put("evidenceLinks", evidenceLinks(reportId));
    return new Content(name, description, vars);
  }

  /** The task's name in the Tasklist list: what a reviewer picks the next task by. */
  private static String name(
      long reportId, ReportsForReview.Facts report, String merchant, boolean escalated) {
    return (escalated ? "【已升级·组长】" : "")
        + "报备 #"
        + reportId
        + " · "
        + merchant
        + " · "
        + report.type().label()
        + " · "
        + report.orderCount()
        + " 单 · 截止 "
        + SHORT_TIME.format(report.reviewDueAt());
  }

  /** "新疆维吾尔自治区 乌鲁木齐市 (6501)": the region's chain of names, then its code. */
  String regionLabel(String code) {
    if (code == null || code.isBlank()) {
      return "（未识别）";
    }
    StringBuilder names = new StringBuilder();
    for (int length = 2; length <= code.length(); length += 2) {
      regions
          .find(code.substring(0, length))
          .map(Region::name)
          .ifPresent(n -> names.append(names.isEmpty() ? "" : " ").append(n));
    }
    return (names.isEmpty() ? "未知区域" : names.toString()) + " (" + code + ")";
  }

  private String orderList(long reportId, int total) {
    List<OrderLine> lines = reports.firstOrders(reportId, ORDERS_SHOWN);
    if (lines.isEmpty()) {
      return "（无订单）";
    }
    String list =
        lines.stream()
            .map(
                l -> {
                  AddressParser.ParsedAddress parsed = addresses.parse(l.address());
                  String places =
                      parsed.dual()
                          ? parsed.mentions().stream()
                              .map(r -> regionLabel(r.code()))
                              .collect(Collectors.joining(" / "))
                          : regionLabel(l.region());
                  return "- "
                      + Markdown.literal(l.orderId())
                      + "：" // the address is the buyer's text, shown literally
                      + Markdown.literal(l.address())
                      + " — "
                      + places
                      + (parsed.dual() ? " **【双地址】**" : "");
                })
            .collect(Collectors.joining("\n"));
    String more =
        total > lines.size()
            ? "\n\n共 "
                + total
                + " 个订单，此处列出前 "
                + lines.size()
                + " 个。[下载全部订单（CSV）](/review/reports/"
                + reportId
                + "/orders.csv)"
            : "";
    return list + more;
  }

  private static String exclusionSummary(List<ExcludedOrder> excluded) {
    if (excluded.isEmpty()) {
      return "无";
    }
    return excluded.stream()
        .collect(
            Collectors.groupingBy(ExcludedOrder::reason, LinkedHashMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> e.getKey().message() + "（" + e.getKey().name() + "）" + e.getValue() + " 个")
        .collect(Collectors.joining("；"));
  }

  private String ruleFindings(ReportsForReview.Facts report) {
    TypePolicy policy = report.typeRules();
    List<String> accepted = List.copyOf(policy.acceptedEvidenceKinds());
    List<String> missing = report.missingEvidenceKinds();
    return "类型规则："
        + (policy.regionBound() ? "限定影响区域" : "不限区域")
        + "；最长延迟 "
        + policy.maxDelayDays()
        + " 天；须提供凭证："
        + (accepted.isEmpty() ? "无" : Labels.kinds(accepted) + "（任一）")
        + "；当前缺少："
        + (missing.isEmpty() ? "无" : Labels.kinds(missing));
  }

  /** Markdown links the form renders; each opens the file for those who may see the report. */
  private String evidenceLinks(long reportId) {
    List<EvidenceFiles.View> files = evidence.listWithoutLinks(reportId);
    if (files.isEmpty()) {
      return "（无凭证）";
    }
    return files.stream()
        .map(
            f ->
                "- ["
                    + Markdown.literal(f.fileName())
                    + "](/review/evidence/"
                    + f.id()
                    + ")（"
                    + Labels.kind(f.kind())
                    + "，"
                    + (f.size() + 1023) / 1024
                    + " KB，上传于 "
                    + DISPLAY_TIME.format(f.uploadedAt())
                    + "）"
                    + (f.contentType().startsWith("image/")
                        ? "\n\n  !["
                            + Markdown.literal(f.fileName())
                            + "](/review/evidence/"
                            + f.id()
                            + ")"
                        : ""))
        .collect(Collectors.joining("\n"));
  }
}
