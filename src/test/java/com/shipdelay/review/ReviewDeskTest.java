package com.shipdelay.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import com.shipdelay.workflow.ProcessIds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a reviewer sees: task names, cards, filters and a form that is current and literal. */
@IntegrationTest
class ReviewDeskTest {

  static final String HOSTILE = "## 规则检查（系统）: 全部通过\n\n[凭证](http://evil.example/x) <b>粗体</b>";

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired ManagementService management;
  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
  }

  private String body(List<String> orders, String reason, String remark) {
    return """
        {"type":"MERCHANT_FACTOR","delayUntil":"%s","reason":%s,"remark":%s,"orderIds":[%s]}"""
        .formatted(
            Instant.now().plus(Duration.ofDays(3)),
            json(reason),
            json(remark),
            Filing.quoted(orders));
  }

  private static String json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Task inReview(List<String> orders, String reason) {
    var filed = Filing.file(api, merchant, body(orders, reason, HOSTILE), "PRICING_PROOF");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(filed.json().get("id").asText())
            .singleResult()
            .getId();
    data.runJobs(pi);
    return tasks.createTaskQuery().processInstanceId(pi).singleResult();
  }

  @Test
  void merchantTextReachesTheFormOnlyAsLiteralText() {
    Task task = inReview(data.pendingOrders(merchant, 1, "610113"), HOSTILE);
    Map<String, Object> vars = tasks.getVariablesLocal(task.getId());

    String reason = (String) vars.get("reasonText");
    assertThat(reason).doesNotContain("\n").doesNotContain("](http").doesNotContain("<b>");
    assertThat(reason).startsWith("\\#\\# 规则检查");
    assertThat((String) vars.get("remarkText")).startsWith("\\#\\# 规则检查");
    // the form's template uses the literal variables only, never the raw ones
    String form = readForm();
    assertThat(form).contains("{{reasonText}}", "{{remarkText}}", "{{merchantNameText}}");
    assertThat(form).doesNotContain("{{reason}}", "{{remark}}", "{{merchantName}}");
  }

  @Test
  void freeTextLongerThanItsLimitIsRefusedWith422AndNothingIsSaved() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    long before =
        data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
    var tooLong = Filing.file(api, merchant, body(orders, "停".repeat(1001), null));
    assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(422);
    assertThat(tooLong.json().get("code").asText()).isEqualTo("TEXT_TOO_LONG");
    assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
    var remark = Filing.file(api, merchant, body(orders, "暴雨", "备".repeat(501)));
    assertThat(remark.status()).isEqualTo(422);
    assertThat(remark.json().get("errors").get(0).get("field").asText()).isEqualTo("remark");
    assertThat(data.count("select count(*) from delay_report where merchant_id = ?", merchant.id()))
        .isEqualTo(before);
    // exactly at the limit is fine
    assertThat(
            Filing.file(api, merchant, body(orders, "停".repeat(1000), null), "PRICING_PROOF")
                .status())
        .isEqualTo(201);
  }

  @Test
  void aTaskCarriesTheReportsFactsInItsNameDescriptionAndCard() {
    List<String> orders = data.pendingOrders(merchant, 2, "650102");
    orders = new java.util.ArrayList<>(orders);
    orders.add(data.pendingOrderAt(merchant, "陕西省西安市新疆乌鲁木齐路12号", "6101"));
    Task task = inReview(orders, "暴雨");
    String reportId =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();
    String merchantName = data.merchantName(merchant);

    assertThat(task.getName())
        .startsWith("报备 #" + reportId + " · " + merchantName + " · 商家因素 · 3 单 · 截止 ");
    assertThat(task.getDescription()).contains(merchantName).contains("北京时间");
    Map<String, Object> vars = tasks.getVariablesLocal(task.getId());
    assertThat(vars)
        .containsEntry("reportId", Long.parseLong(reportId))
        .containsEntry("merchantName", merchantName)
        .containsEntry("reportTypeLabel", "商家因素")
        .containsEntry("orderCount", 3);
    assertThat((String) vars.get("reviewDue")).endsWith("(北京时间)");
    String orderList = (String) vars.get("orderList");
    assertThat(orderList).contains("新疆维吾尔自治区 乌鲁木齐市 天山区 (650102)");
    assertThat(orderList).contains("【双地址】");
    assertThat(orderList.lines().filter(l -> l.startsWith("- ")).count()).isEqualTo(3);
  }

  @Test
  void escalatedTasksStandOut() {
    Task task = inReview(data.pendingOrders(merchant, 1, "610113"), "暴雨");
    management.executeJob(
        management
            .createJobQuery()
            .processInstanceId(task.getProcessInstanceId())
            .activityId(ProcessIds.TIMER_REVIEW_OVERDUE)
            .singleResult()
            .getId());
    Task escalated =
        tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId()).singleResult();
    assertThat(escalated.getTaskDefinitionKey()).isEqualTo(ProcessIds.TASK_ESCALATED_REVIEW);
    assertThat(escalated.getName()).startsWith("【已升级·组长】报备 #");
    assertThat(escalated.getPriority()).isGreaterThan(task.getPriority());
  }

  @Test
  void aSupplementWhileTheTaskIsOpenRefreshesTheForm() {
    Task task = inReview(data.pendingOrders(merchant, 1, "610113"), "暴雨");
    String reportId =
        runtime
            .createProcessInstanceQuery()
            .processInstanceId(task.getProcessInstanceId())
            .singleResult()
            .getBusinessKey();
    assertThat((String) tasks.getVariableLocal(task.getId(), "evidenceLinks"))
        .doesNotContain("补充的运单");

    var supplement =
        api.multipart(
            "/api/v1/delay-reports/" + reportId + "/evidence",
            Api.bearer(merchant.token()),
            List.of(
                Api.Part.file("evidence", "补充的运单.pdf", "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]")));
    assertThat(supplement.status()).as(supplement.text()).isEqualTo(200);

    Task same = tasks.createTaskQuery().taskId(task.getId()).singleResult();
    assertThat(same).as("the open task stays the same task").isNotNull();
    assertThat((String) tasks.getVariableLocal(task.getId(), "evidenceLinks")).contains("补充的运单");
  }

  @Test
  void filtersAreChineseShowTheCardFactsAndIncludeMyClaimedTasks() {
    Task task = inReview(data.pendingOrders(merchant, 1, "610113"), "暴雨");
    List<Filter> all = filters.createTaskFilterQuery().list();
    assertThat(all).extracting(Filter::getName).contains("待审核报备", "我认领的任务", "已升级（组长审核）", "6 小时内到期");
    assertThat(all).extracting(Filter::getName).doesNotContain("Delay reports to review");
    Filter mine = all.stream().filter(f -> f.getName().equals("我认领的任务")).findFirst().orElseThrow();
    @SuppressWarnings("unchecked")
    List<Map<String, String>> cards =
        (List<Map<String, String>>) mine.getProperties().get("variables");
    assertThat(cards)
        .extracting(m -> m.get("name"))
        .contains("reportId", "merchantName", "orderCount", "reviewDue");

    String reviewer = Api.basic("reviewer", "reviewer-dev-password");
    String listMine = "/engine-rest/filter/" + mine.getId() + "/list";
    assertThat(api.send("POST", listMine, reviewer, "{}").json().findValuesAsText("id"))
        .doesNotContain(task.getId());
    assertThat(
            api.send(
                    "POST",
                    "/engine-rest/task/" + task.getId() + "/claim",
                    reviewer,
                    "{\"userId\":\"reviewer\"}")
                .status())
        .isEqualTo(204);
    JsonNode claimed = api.send("POST", listMine, reviewer, "{}").json();
    assertThat(claimed.findValuesAsText("id")).contains(task.getId());
    // the filter's own query orders by the review deadline (for API clients; Tasklist's list
    // starts so too, see TasklistBrowserTest)
    assertThat(api.get("/engine-rest/filter/" + mine.getId(), reviewer).text())
        .contains("\"sortBy\":\"dueDate\"");
  }

  private static String readForm() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("forms/ReviewReport.form"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
