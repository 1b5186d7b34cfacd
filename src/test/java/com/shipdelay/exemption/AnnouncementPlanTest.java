package com.shipdelay.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The announcement exemption stays a join, not a per-order function call, and an announcement's
 * covered-order count reads its window (or, for a small region over a long window, the region keys)
 * from an index: 200,000 orders and 200 announcements, generated, analysed and explained inside one
 * transaction that is rolled back. It checks plans, never time.
 */
@IntegrationTest
@Tag("plans") // loads 200,000 orders: run by ./mvnw -Pplans test, not by the default build
class AnnouncementPlanTest {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void coveringIsInlinedAndTheCountUsesThePromisedIndex() {
    transactions.executeWithoutResult(
        tx -> {
          tx.setRollbackOnly();
          generate();
          String lateral =
              explain(
                  """
                  select o.order_id, c.announcement_id
                    from orders o
                    left join lateral announcements_covering(o.promised_ship_at, o.region_keys,
                                                             o.ship_from_region) c on true
                   where o.merchant_id = (select min(id) from merchant)
                  """);
          String count =
              explain(
                  """
                  select count(*) from orders o
                   where o.promised_ship_at >= '2040-01-02' and o.promised_ship_at < '2040-01-03'
                     and o.status <> 'CANCELLED'
                     and exists (select 1
                                   from announcements_covering(o.promised_ship_at,
                                                               o.region_keys,
                                                               o.ship_from_region) c
                                  where c.announcement_id = (select max(id) from announcement))
                  """);

          assertThat(lateral).doesNotContain("Function Scan on announcements_covering");
          assertThat(count)
              .contains("orders_promised")
              .doesNotContain("Seq Scan on orders")
              .doesNotContain("Function Scan on announcements_covering");

          // the count as Announcements runs it, for a receiving-only announcement over a whole
          // year and a small region (Tibet, 1 order in 1,000): the region keys' GIN index
          Announcement tibet =
              new Announcement(
                  jdbc.sql("select max(id) from announcement").query(Long.class).single(),
                  "西藏",
                  List.of("54"),
                  List.of(Announcement.AppliesTo.RECEIVING),
                  Instant.parse("2040-01-01T00:00:00Z"),
                  Instant.parse("2041-01-01T00:00:00Z"),
                  null,
                  Instant.now(),
                  null);
          String yearOfTibet =
              explain(
                  Announcements.coveredOrdersSql(tibet.appliesTo()),
                  Announcements.coveredOrdersParams(tibet));
          assertThat(yearOfTibet)
              .contains("orders_region_keys")
              .doesNotContain("Seq Scan on orders")
              .doesNotContain("Function Scan on announcements_covering");
        });
  }

  private void generate() {
    jdbc.sql(
            """
            insert into merchant (name, ship_from_region, token_hash)
            select '计划商家' || m, '3301', md5('announcement-plan-' || m || clock_timestamp())
                   || md5(m::text)
              from generate_series(1, 100) as m
            """)
        .update();
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status)
            with recent as (
              -- the merchants just made: identity values may have gaps (rolled-back tests)
              select array_agg(id) as ids
                from (select id from merchant order by id desc limit 100) as m)
            select '6' || lpad(i::text, 15, '0'),
                   (select ids from recent)[1 + i % 100], '7001',
                   timestamptz '2040-01-01' - interval '1 day',
                   timestamptz '2040-01-01' + (i % 8760) * interval '1 hour', '地址' || i,
                   case when i % 1000 = 7 then '540102'
                        else (array['610113','110105','310115','650102'])[1 + i % 4] end,
                   '3301',
                   'PENDING_SHIPMENT'
              from generate_series(1, 200000) as i
            """)
        .update();
    jdbc.sql(
            """
            insert into announcement (title, regions, applies_receiving, applies_ship_from,
                                      promised_from, promised_to)
            select '公告' || a, array['65'], true, a % 2 = 0,
                   timestamptz '2040-01-01' + a * interval '1 day',
                   timestamptz '2040-01-01' + (a + 1) * interval '1 day'
              from generate_series(1, 200) as a
            """)
        .update();
    jdbc.sql("analyze orders").update();
    jdbc.sql("analyze announcement").update();
  }

  private String explain(String sql) {
    return explain(sql, List.of());
  }

  private String explain(String sql, List<Object> params) {
    List<String> plan = jdbc.sql("explain " + sql).params(params).query(String.class).list();
    return String.join("\n", plan);
  }
}
