package com.shipdelay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.merchant.ApiTokens;
import com.shipdelay.merchant.Merchants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the data a test needs, directly in the database, and drives the engine's jobs. */
@TestComponent
public class TestData {

  private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

  private final Merchants merchants;
  private final JdbcClient jdbc;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final TaskService tasks;

  TestData(
      Merchants merchants,
      JdbcClient jdbc,
      ManagementService management,
      RuntimeService runtime,
      TaskService tasks) {
    this.merchants = merchants;
    this.jdbc = jdbc;
    this.management = management;
    this.runtime = runtime;
    this.tasks = tasks;
  }

  /** A report filed through REST and brought to its review task. */
  public record InReview(long reportId, String processInstanceId, String taskId, JsonNode filed) {}

  /** Files a report of one pending order with one file of {@code kind} and runs it to review. */
  public InReview inReview(Api api, TestMerchant merchant, String type, String kind) {
    Api.Response filed =
        Filing.file(api, merchant, type, pendingOrders(merchant, 1, "610113"), kind);
    if (filed.status() != 201) {
      throw new AssertionError("filing answered " + filed.status() + ": " + filed.text());
    }
    long reportId = filed.json().get("id").asLong();
    String pi = processInstanceOf(reportId);
    runJobs(pi);
    String taskId = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    return new InReview(reportId, pi, taskId, filed.json());
  }

  /** The process instance of a report: the one whose business key is the report's id. */
  public String processInstanceOf(long reportId) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(reportId))
        .singleResult()
        .getId();
  }

  public record TestMerchant(long id, String token) {}

  public TestMerchant merchant() {
    return merchant("6101");
  }

  public TestMerchant merchant(String shipFromRegion) {
    String token = ApiTokens.newToken();
    long id =
        merchants.create(
            "测试店铺" + SEQUENCE.incrementAndGet(), shipFromRegion, ApiTokens.hash(token));
    return new TestMerchant(id, token);
  }

  /** Pending orders promised one day from now, receiving in {@code region}. */
  public List<String> pendingOrders(TestMerchant merchant, int count, String region) {
    return orders(
        merchant, count, region, Instant.now().plus(1, ChronoUnit.DAYS), "PENDING_SHIPMENT");
  }

  public List<String> orders(
      TestMerchant merchant, int count, String region, Instant promisedShipAt, String status) {
    String prefix = String.format("%010d", SEQUENCE.incrementAndGet());
    return jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status)
            select ? || lpad(i::text, 6, '0'), ?, '7001', ?, ?, '测试地址' || i, ?, '6101', ?
              from generate_series(1, ?) as i
            returning order_id
            """)
        .params(
            prefix,
            merchant.id(),
            java.sql.Timestamp.from(promisedShipAt.minus(2, ChronoUnit.DAYS)),
            java.sql.Timestamp.from(promisedShipAt),
            region,
            status,
            count)
        .query(String.class)
        .list();
  }

  public String merchantName(TestMerchant merchant) {
    return jdbc.sql("select name from merchant where id = ?")
        .param(merchant.id())
        .query(String.class)
        .single();
  }

  /** One pending order with the given receiving address and region, promised one day from now. */
  public String pendingOrderAt(TestMerchant merchant, String address, String region) {
    String id = String.format("%010d", SEQUENCE.incrementAndGet()) + "000001";
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status)
            values (?, ?, '7001', now() - interval '1 day', now() + interval '1 day', ?, ?,
                    (select ship_from_region from merchant where id = ?), 'PENDING_SHIPMENT')
            """)
        .params(id, merchant.id(), address, region, merchant.id())
        .update();
    return id;
  }

  /** Runs every due job of the process instance, as the job executor would, until none is left. */
  public void runJobs(String processInstanceId) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs =
          management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
    throw new IllegalStateException("jobs keep coming for " + processInstanceId);
  }

  public Long exemptReportId(String orderId) {
    return jdbc.sql("select report_id from order_exemption where order_id = ?")
        .param(orderId)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  public long count(String sql, Object... params) {
    return jdbc.sql(sql).params(params).query(Long.class).single();
  }
}
