package com.shipdelay.bench;

import com.shipdelay.exemption.Exemptions;
import com.shipdelay.order.OrderQueryPlans;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parts 2 and 4 on one generated data set: 1,000,000 orders over 2,000 merchants (one of them a big
 * shop holding the 50,000 orders of the exempted report), 100,000 reports with their orders.
 */
final class ScaleBench {

  static final boolean SMALL = Boolean.getBoolean("bench.small");
  static final int ORDERS = Integer.getInteger("bench.orders", SMALL ? 100_000 : 1_000_000);
  static final int MERCHANTS = Integer.getInteger("bench.merchants", SMALL ? 200 : 2_000);
  static final int REPORTS = Integer.getInteger("bench.reports", SMALL ? 10_000 : 100_000);
  static final int EXEMPT = Integer.getInteger("bench.exempt", SMALL ? 5_000 : 50_000);
  static final int REPEATS = Integer.getInteger("bench.repeats", 3);
  static final int CALLS = Integer.getInteger("bench.calls", 300);
  static final String[] REGIONS = {
    "610113", "610102", "610104", "110105", "310115", "440305", "330106", "510107", "650102",
    "420111", "540102", "150102"
  };

  private ScaleBench() {}

  static BenchSupport.Output run(boolean durable, boolean exemption, boolean queries)
      throws Exception {
    BenchSupport.Output out = new BenchSupport.Output();
    try (App app = App.start(durable)) {
      String db = app.database();
      Data data = generate(app.jdbc, out, db);
      if (exemption) {
        exemption(app, data, out, db);
      }
      if (queries) {
        queries(app, data, out, db);
      }
      out.sections()
          .put(
              "Settings of the " + (durable ? "durable " : "") + "scale run",
              "```\n" + app.settings().toString().replace(", ", "\n") + "\n```");
    }
    return out;
  }

  record Data(long firstMerchant, long exemptReport, Instant base) {
    String token(int index) {
      return "sdm_bench_" + index;
    }
  }

  static Data generate(JdbcClient jdbc, BenchSupport.Output out, String db) {
    Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS);
    long t0 = System.nanoTime();
    jdbc.sql(
            """
            insert into merchant (name, ship_from_region, token_hash)
            select '压测店铺' || i, '610113', encode(sha256(convert_to('sdm_bench_' || i, 'UTF8')), 'hex')
              from generate_series(1, ?) as i
            """)
        .param(MERCHANTS)
        .update();
    long first =
        jdbc.sql("select id from merchant where name = '压测店铺1'").query(Long.class).single();
    long tMerchants = System.nanoTime();
    // bulk load: the secondary indexes of orders are dropped and rebuilt with their own
    // definitions (one sorted build each is far cheaper than a million incremental inserts)
    List<String> indexes =
        jdbc.sql(
                "select indexdef from pg_indexes where tablename = 'orders'"
                    + " and indexname <> 'orders_pkey'")
            .query(String.class)
            .list();
    jdbc.sql(
            "select indexname from pg_indexes where tablename = 'orders'"
                + " and indexname <> 'orders_pkey'")
        .query(String.class)
        .list()
        .forEach(name -> jdbc.sql("drop index " + name).update());
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status,
                                shipped_at)
            select '26' || lpad(n::text, 14, '0'),
                   ? + case when n <= ? then 0 else 1 + (n % (? - 1)) end,
                   '7' || (n % 50), x.p - interval '2 days', x.p, '测试地址' || n,
                   (?::text[])[1 + (n * 31) % 12], '610113', x.s,
                   case when x.s = 'SHIPPED' then x.p - interval '3 hours' end
              from generate_series(1, ?) as n,
                   lateral (select ?::timestamptz
                                   + ((n::bigint * 7919) % 86400) * interval '1 minute' as p,
                                   case when n % 10 < 6 then 'PENDING_SHIPMENT'
                                        when n % 10 < 9 then 'SHIPPED'
                                        else 'CANCELLED' end as s) as x
            """)
        .params(first, EXEMPT, MERCHANTS, REGIONS, ORDERS, Timestamp.from(base))
        .update();
    indexes.forEach(definition -> jdbc.sql(definition).update());
    long tOrders = System.nanoTime();
    jdbc.sql(
            """
            insert into delay_report (merchant_id, type, status, delay_until, reason, created_at,
                                      review_due_at, decided_at)
            select ? + 1 + (j % (? - 1)),
                   (array['MERCHANT_FACTOR','SPECIAL_ORDER','NATURAL_DISASTER','EPIDEMIC'])[1 + j % 4],
                   x.s, x.c + interval '3 days', '压测报备', x.c, x.c + interval '48 hours',
                   case when x.s in ('APPROVED', 'REJECTED') then x.c + interval '20 hours' end
              from generate_series(1, ?) as j,
                   lateral (select now() - ((j::bigint * 7919) % 129600) * interval '1 minute' as c,
                                   (array['IN_REVIEW','IN_REVIEW','APPROVED','APPROVED','APPROVED',
                                          'APPROVED','REJECTED','REJECTED','WITHDRAWN','EXPIRED'])
                                     [1 + (j / 7) % 10] as s) as x
            """)
        .params(first, MERCHANTS, REPORTS)
        .update();
    jdbc.sql(
            """
            insert into report_order (report_id, order_id, active)
            select r.id, o.order_id, r.status in ('IN_REVIEW', 'APPROVED')
              from (select id, merchant_id, status,
                           row_number() over (partition by merchant_id order by id) as rn
                      from delay_report where merchant_id > ?) as r
              join (select order_id, merchant_id,
                           row_number() over (partition by merchant_id order by order_id) as orn
                      from orders where merchant_id > ?) as o
                on o.merchant_id = r.merchant_id and (o.orn + 1) / 2 = r.rn
            """)
        .params(first, first)
        .update();
    long exemptReport =
        jdbc.sql(
                """
                insert into delay_report (merchant_id, type, status, delay_until, reason,
                                          created_at, review_due_at, decided_at)
                values (?, 'NATURAL_DISASTER', 'APPROVED', now() + interval '10 days', '压测：豁免',
                        now(), now() + interval '48 hours', now())
                returning id
                """)
            .param(first)
            .query(Long.class)
            .single();
    jdbc.sql(
            "insert into report_order (report_id, order_id, active)"
                + " select ?, order_id, true from orders where merchant_id = ?")
        .params(exemptReport, first)
        .update();
    long tReports = System.nanoTime();
    jdbc.sql("vacuum analyze").update();
    long tVacuum = System.nanoTime();
    long reportOrders = count(jdbc, "select count(*) from report_order");
    double total = (tReports - t0) / 1e9;
    String detail =
        String.format(
            "merchants %.1f s, orders %.1f s, %d reports + %d report_order rows %.1f s;"
                + " then VACUUM ANALYZE %.1f s. Set-based INSERT … SELECT FROM generate_series;"
                + " the orders table's secondary indexes are dropped for the load and rebuilt"
                + " from their own definitions (included in the orders time).",
            (tMerchants - t0) / 1e9,
            (tOrders - tMerchants) / 1e9,
            REPORTS + 1,
            reportOrders,
            (tReports - tOrders) / 1e9,
            (tVacuum - tReports) / 1e9);
    BenchSupport.log("data generated in %.1f s: %s", total, detail);
    out.rows()
        .add(
            new BenchSupport.Row(
                "data",
                "generate "
                    + ORDERS
                    + " orders, "
                    + MERCHANTS
                    + " merchants, "
                    + REPORTS
                    + " reports",
                BenchSupport.f(total) + " s",
                "-",
                null,
                "< 60 s",
                total < 60,
                db,
                detail));
    return new Data(first, exemptReport, base);
  }

  // ---------------------------------------------------------------- part 2: exemption

  /**
   * The same exemption four ways, each after a reset, the order rotated per round: ours, the same
   * rows one order at a time, and the design before V10 (two columns of orders, put back on a
   * scratch copy of them for the bench) set-based and one UPDATE per order, the baseline.
   */
  static void exemption(App app, Data data, BenchSupport.Output out, String db) throws Exception {
    Exemptions exemptions = app.bean(Exemptions.class);
    DataSource dataSource = app.bean(DataSource.class);
    long report = data.exemptReport();
    app.jdbc
        .sql(
            "alter table orders add column if not exists old_exempt_report_id bigint,"
                + " add column if not exists old_exempt_until timestamptz")
        .update();
    Map<String, java.util.concurrent.Callable<Integer>> ways = new LinkedHashMap<>();
    ways.put("ours", () -> exemptions.exemptReportOrders(report));
    // what ours falls back to when an order is already exempt, and what it was before
    ways.put(
        "ours, upsert",
        () ->
            app.jdbc
                .sql(Exemptions.EXEMPT_REPORT_ORDERS)
                .param("report", report)
                .query(Integer.class)
                .single());
    ways.put("per order", () -> perOrder(dataSource, report, UPSERT_ONE));
    ways.put(
        "orders columns, set-based",
        () -> app.jdbc.sql(OLD_SET_BASED).params(report, report).update());
    ways.put(
        "orders columns, one UPDATE per order", () -> perOrder(dataSource, report, OLD_UPDATE_ONE));
    Map<String, List<Double>> times = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(ways.keySet());
    for (int rep = 0; rep < REPEATS; rep++) {
      for (int i = 0; i < names.size(); i++) {
        // rotate the order so no way always runs first after the data load
        String name = names.get((i + rep) % names.size());
        reset(app.jdbc, report);
        long t0 = System.nanoTime();
        int exempted = ways.get(name).call();
        double ms = (System.nanoTime() - t0) / 1e6;
        long check =
            count(
                app.jdbc,
                name.startsWith("orders columns")
                    ? "select count(*) from orders where old_exempt_report_id = " + report
                    : "select count(*) from order_exemption where report_id = " + report);
        if (exempted != EXEMPT || check != EXEMPT) {
          throw new IllegalStateException(
              name + ": exempted " + exempted + "/" + check + " instead of " + EXEMPT);
        }
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(BenchSupport.round(ms));
        BenchSupport.log("exemption %s: %.0f ms", name, ms);
      }
    }
    double o = BenchSupport.median(times.get("ours"));
    double n = BenchSupport.median(times.get("orders columns, one UPDATE per order"));
    double sameTable = BenchSupport.median(times.get("per order"));
    double oldSet = BenchSupport.median(times.get("orders columns, set-based"));
    double upsert = BenchSupport.median(times.get("ours, upsert"));
    out.rows()
        .add(
            new BenchSupport.Row(
                "2 Exemption",
                "approve a report of " + EXEMPT + " orders in a table of " + ORDERS,
                BenchSupport.f(o) + " ms (Exemptions.exemptReportOrders)",
                BenchSupport.f(n) + " ms (one UPDATE of orders per order, one transaction)",
                BenchSupport.round(n / o),
                "< 1 s and ≥20× faster",
                o < 1000 && n / o >= 20,
                db,
                String.format(
                    "median of %d; the upsert it falls back to when an order is already exempt"
                        + " %s ms (%.1f× faster than the baseline); the same rows of order_exemption one"
                        + " order at a time %s ms (%.1f× ours); the design before V10 set-based"
                        + " %s ms; each run after a reset and VACUUM ANALYZE + CHECKPOINT, order"
                        + " rotated; all: %s",
                    REPEATS,
                    BenchSupport.f(upsert),
                    n / upsert,
                    BenchSupport.f(sameTable),
                    sameTable / o,
                    BenchSupport.f(oldSet),
                    times)));
    String plan =
        String.join(
            "\n",
            app.jdbc
                .sql("explain (costs off) " + Exemptions.EXEMPT_NEW_ORDERS)
                .param("report", report)
                .query(String.class)
                .list());
    out.sections().putIfAbsent("Exemption: the set-based insert's plan", "```\n" + plan + "\n```");
  }

  /** One order's exemption row, as {@link Exemptions#EXEMPT_REPORT_ORDERS} writes it. */
  private static final String UPSERT_ONE =
      """
      insert into order_exemption (order_id, report_id, exempt_until) values (?, ?, ?)
      on conflict (order_id) do update
         set report_id = excluded.report_id, exempt_until = excluded.exempt_until,
             exempted_at = now()
       where order_exemption.report_id <> excluded.report_id
      """;

  /**
   * Before V10: the exemption as two columns of orders, one UPDATE per order; its parameters in the
   * order of {@link #UPSERT_ONE}'s (order, report, until), so one loop binds both.
   */
  private static final String OLD_UPDATE_ONE =
      """
      update orders o
         set old_exempt_report_id = v.report, old_exempt_until = v.until, updated_at = now()
        from (values (?, ?::bigint, ?::timestamptz)) as v(order_id, report, until)
       where o.order_id = v.order_id and o.old_exempt_report_id is distinct from v.report
      """;

  /** Before V10: the one set-based statement over the two columns of orders. */
  private static final String OLD_SET_BASED =
      """
      update orders o
         set old_exempt_report_id = r.id, old_exempt_until = r.delay_until, updated_at = now()
        from delay_report r
       where r.id = ? and r.status = 'APPROVED'
         and o.order_id = any (array(select ro.order_id from report_order ro
                                      where ro.report_id = ? and ro.active))
         and o.old_exempt_report_id is distinct from r.id
      """;

  private static void reset(JdbcClient jdbc, long report) {
    jdbc.sql("delete from order_exemption where report_id = ?").param(report).update();
    jdbc.sql(
            "update orders set old_exempt_report_id = null, old_exempt_until = null"
                + " where old_exempt_report_id = ?")
        .param(report)
        .update();
    jdbc.sql("vacuum analyze order_exemption").update();
    jdbc.sql("vacuum analyze orders").update();
    jdbc.sql("checkpoint").update();
  }

  /** The naive way: read the report's orders, then one statement per order, one transaction. */
  private static int perOrder(DataSource dataSource, long report, String statement)
      throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Timestamp until;
      List<String> ids = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "select delay_until from delay_report where id = ? and status = 'APPROVED'")) {
        ps.setLong(1, report);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          until = rs.getTimestamp(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("select order_id from report_order where report_id = ? and active")) {
        ps.setLong(1, report);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getString(1));
          }
        }
      }
      int written = 0;
      try (PreparedStatement ps = c.prepareStatement(statement)) {
        for (String id : ids) {
          ps.setString(1, id);
          ps.setLong(2, report);
          ps.setTimestamp(3, until);
          written += ps.executeUpdate();
        }
      }
      c.commit();
      c.setAutoCommit(true);
      return written;
    }
  }

  // ---------------------------------------------------------------- part 4: queries

  static void queries(App app, Data data, BenchSupport.Output out, String db) {
    Http http = new Http(app.port, 2);
    Random random = new Random(42);
    int warmUp = 50;
    String bigToken = data.token(1);

    Map<String, List<Double>> latencies = new HashMap<>();
    // the order list, for a typical merchant (~475 orders) and for the big one (50,000)
    record Call(String name, String path, String token) {}
    List<java.util.function.Supplier<Call>> kinds = new ArrayList<>();
    kinds.add(
        () -> {
          int m = 2 + random.nextInt(MERCHANTS - 1);
          return new Call("orders (typical merchant)", ordersPath(data, random), data.token(m));
        });
    kinds.add(
        () -> new Call("orders (big merchant, 50,000 orders)", ordersPath(data, random), bigToken));
    kinds.add(
        () -> {
          int m = 2 + random.nextInt(MERCHANTS - 1);
          return new Call(
              "reports IN_REVIEW", "/api/v1/delay-reports?status=IN_REVIEW", data.token(m));
        });
    Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
    String metricsPath =
        "/api/v1/metrics/shipping?from=" + to.minus(30, ChronoUnit.DAYS) + "&to=" + to;
    Http.Response probe = http.get(metricsPath, data.token(2));
    boolean metricsThere = probe.status() == 200;
    if (metricsThere) {
      kinds.add(
          () -> {
            int m = 2 + random.nextInt(MERCHANTS - 1);
            return new Call("shop metrics, 30 days", metricsPath, data.token(m));
          });
    }
    for (var kind : kinds) {
      String name = null;
      int errors = 0;
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < warmUp + CALLS; i++) {
        Call call = kind.get();
        name = call.name();
        Http.Response r = http.get(call.path(), call.token());
        if (r.status() != 200) {
          errors++;
          if (errors < 3) {
            BenchSupport.log("%s answered %d: %s", call.path(), r.status(), r.body());
          }
        }
        if (i >= warmUp) {
          ms.add(r.millis());
        }
      }
      latencies.put(name, ms);
      double p50 = BenchSupport.percentile(ms, 50);
      double p95 = BenchSupport.percentile(ms, 95);
      BenchSupport.log("%s: p50 %.1f ms, p95 %.1f ms, errors %d", name, p50, p95, errors);
      out.rows()
          .add(
              new BenchSupport.Row(
                  "4 Queries",
                  "GET " + name,
                  "p50 " + BenchSupport.f(p50) + " ms, p95 " + BenchSupport.f(p95) + " ms",
                  "-",
                  null,
                  "p95 < 50 ms",
                  p95 < 50 && errors == 0,
                  db,
                  CALLS
                      + " calls after "
                      + warmUp
                      + " warm-up calls, one client, merchants drawn at random"
                      + (errors > 0 ? "; " + errors + " non-200 answers" : "")));
    }
    if (!metricsThere) {
      out.rows()
          .add(
              new BenchSupport.Row(
                  "4 Queries",
                  "GET /api/v1/metrics/shipping (30 days)",
                  "not measured: endpoint not yet merged",
                  "-",
                  null,
                  "p95 < 50 ms",
                  null,
                  db,
                  "the probe answered " + probe.status()));
    }
    out.sections().put("Queries: EXPLAIN (ANALYZE, BUFFERS)", plans(app.jdbc, data));
  }

  private static String ordersPath(Data data, Random random) {
    Instant from = data.base().plus(random.nextInt(53), ChronoUnit.DAYS);
    Instant to = from.plus(7, ChronoUnit.DAYS);
    return "/api/v1/orders?status=PENDING_SHIPMENT&promisedFrom="
        + from
        + "&promisedTo="
        + to
        + "&region=61&size=50";
  }

  private static String plans(JdbcClient jdbc, Data data) {
    StringBuilder s = new StringBuilder();
    Instant from = data.base().plus(20, ChronoUnit.DAYS);
    Instant to = from.plus(7, ChronoUnit.DAYS);
    long typical = data.firstMerchant() + 7;
    for (long merchant : new long[] {typical, data.firstMerchant()}) {
      OrderQueryPlans.Sql sql = OrderQueryPlans.pendingInRegion(merchant, from, to, "61", 50);
      String who = merchant == typical ? "a typical merchant" : "the big merchant";
      s.append("Order list page, ").append(who).append(":\n\n```\n");
      s.append(explain(jdbc, sql.page(), sql.pageParams())).append("\n```\n\n");
      s.append("Order list count, ").append(who).append(":\n\n```\n");
      s.append(explain(jdbc, sql.count(), sql.countParams())).append("\n```\n\n");
    }
    // ReportQueries.list's SQL for the status filter, as it builds it
    String where = " where r.merchant_id = ? and r.status = any(?)";
    List<Object> params = List.of(typical, new String[] {"IN_REVIEW"});
    s.append("Report list page (status IN_REVIEW), a typical merchant:\n\n```\n");
    List<Object> pageParams = new ArrayList<>(params);
    pageParams.add(50);
    pageParams.add(0L);
    s.append(
        explain(
            jdbc,
            """
            select r.id, r.type, r.status, r.created_at, r.delay_until, r.review_due_at,
                   r.decided_at,
                   (select count(*) from report_order ro
                     where ro.report_id = r.id and not ro.removed) as order_count
              from delay_report r
            """
                + where
                + " order by r.created_at desc, r.id desc limit ? offset ?",
            pageParams));
    s.append("\n```\n\nReport list count:\n\n```\n");
    s.append(explain(jdbc, "select count(*) from delay_report r" + where, params));
    s.append("\n```\n");
    return s.toString();
  }

  private static String explain(JdbcClient jdbc, String sql, List<Object> params) {
    return String.join(
        "\n",
        jdbc.sql("explain (analyze, buffers) " + sql).params(params).query(String.class).list());
  }

  static long count(JdbcClient jdbc, String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
