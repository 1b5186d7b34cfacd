package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The BPMN paths, on the real engine and database, with every async job run explicitly. */
@IntegrationTest
class DelayReportProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired TestData data;
  @LocalServerPort int port;

  @BeforeEach
  void bindAssertionsToThisEngine() {
    BpmnAwareTests.init(engine);
  }

  private ProcessInstance submit(TestData.TestMerchant merchant, List<String> orders) {
    var response = Filing.file(new Api(port), merchant, "MERCHANT_FACTOR", orders, "PRICING_PROOF");
    Assertions.assertThat(response.status()).as(response.text()).isEqualTo(201);
    String reportId = response.json().get("id").asText();
    return engine
        .getRuntimeService()
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(reportId)
        .singleResult();
  }

  @Test
  void approvedReportExemptsItsOrdersAfterTheAsyncTask() throws Exception {
    var merchant = data.merchant();
    List<String> orders = data.pendingOrders(merchant, 3, "610113");
    ProcessInstance pi = submit(merchant, orders);

    assertThat(pi).isStarted().isWaitingAt(ProcessIds.TASK_VALIDATE);
    // the report is the business key alone: no variable names it
    Assertions.assertThat(engine.getRuntimeService().getVariables(pi.getId())).isEmpty();
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    assertThat(task()).hasCandidateGroup("reviewers");
    Assertions.assertThat(task().getDueDate()).isNotNull();
    try (var form = engine.getFormService().getDeployedTaskForm(task().getId())) {
      Assertions.assertThat(
              new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"id\": \"Form_ReviewReport\"");
    }
    Assertions.assertThat(engine.getTaskService().getVariablesLocal(task().getId()))
        .containsEntry("reportType", "MERCHANT_FACTOR")
        .containsEntry("orderCount", 3)
        .containsEntry("reportId", Long.parseLong(pi.getBusinessKey()));
    Assertions.assertThat(task().getName())
        .startsWith("报备 #" + pi.getBusinessKey() + " · ")
        .contains("商家因素")
        .contains("3 单");

    complete(task(), withVariables("decision", "APPROVE", "comment", "证据充分"));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXEMPT);
    Assertions.assertThat(data.exemptReportId(orders.get(0))).isNull();

    execute(job());
    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    long reportId = Long.parseLong(pi.getBusinessKey());
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isEqualTo(reportId));
  }

  @Test
  void rejectedReportEndsWithoutExemption() {
    var merchant = data.merchant();
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = submit(merchant, orders);
    assertThat(pi).isWaitingAt(ProcessIds.TASK_VALIDATE);
    execute(job());
    execute(job());

    complete(task(), withVariables("decision", "REJECT", "comment", "凭证不清晰"));

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportRejected")
        .hasNotPassed(ProcessIds.TASK_EXEMPT);
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isNull());
  }

  @Test
  void completionThatBreaksTheRulesIsRefusedAndTheTaskStaysOpen() {
    var merchant = data.merchant();
    ProcessInstance pi = submit(merchant, data.pendingOrders(merchant, 1, "610113"));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_VALIDATE);
    execute(job());
    execute(job());
    String taskId = task().getId();

    assertThatThrownBy(() -> complete(task(), withVariables("decision", "REJECT")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("驳回原因");
    assertThatThrownBy(() -> complete(task(), withVariables("decision", "MAYBE", "comment", "x")))
        .hasRootCauseInstanceOf(BadUserRequestException.class);

    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(task().getId()).isEqualTo(taskId);
  }

  @Test
  void reportWhoseOrdersShippedBeforeValidationEndsInvalid() {
    var merchant = data.merchant();
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = submit(merchant, orders);
    data.count(
        "with u as (update orders set status = 'SHIPPED', shipped_at = now() where order_id = any(?) returning 1) select count(*) from u",
        (Object) orders.toArray(String[]::new));

    assertThat(pi).isWaitingAt(ProcessIds.TASK_VALIDATE);
    execute(job());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportInvalid");
    Assertions.assertThat(
            data.count(
                "select count(*) from delay_report where id = ? and status = 'INVALID'",
                Long.parseLong(pi.getBusinessKey())))
        .isEqualTo(1);
  }
}
