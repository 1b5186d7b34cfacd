package com.shipdelay.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The merchant's order list keeps to the index at scale: 1,000,000 orders of 2,000 merchants (one
 * in 50 with a dual address), generated, analysed and explained inside one transaction that is
 * rolled back, so no other test sees them. The region filter matches any address region through
 * {@code region_keys} (V7). It checks the plans, never the time.
 */
@IntegrationTest
@Tag("plans") // loads 1,000,000 rows: run by ./mvnw -Pplans test, not by the default build
class OrderQueryPlanTest {

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  void pendingPageInATimeRangeAndAProvinceUsesTheMerchantIndex() {
    transactions.executeWithoutResult(
        tx -> {
          tx.setRollbackOnly();
          long firstMerchant = generate(2_000, 1_000_000);
          Instant from = Instant.now().plus(Duration.ofDays(3));
          OrderQuery query =
              new OrderQuery(
                  OrderStatus.PENDING_SHIPMENT,
                  from,
                  from.plus(Duration.ofDays(7)),
                  List.of(),
                  List.of("61"),
                  null);

          List<Object> params = new ArrayList<>();
          String where = OrderQueries.where(firstMerchant + 7, query, params);
          List<Object> pageParams = new ArrayList<>(params);
          pageParams.add(50);
          pageParams.add(0L);
          String page = explain(OrderQueries.pageSql(where), pageParams);
          String count = explain(OrderQueries.countSql(where), params);

          // the region filter (any address region inside 61) is judged on the same index,
          // which includes the region keys
          assertThat(page)
              .contains("orders_merchant_status_promised_id")
              .contains("region_keys && ")
              .doesNotContain("Seq Scan on orders");
          assertThat(count)
              .contains("orders_merchant_status_promised_id")
              .contains("region_keys && ")
              .doesNotContain("Seq Scan on orders");

          // a region alone, no time range, no status: still the merchant's index, or the keys'
          OrderQuery regionOnly =
              new OrderQuery(null, null, null, List.of(), List.of("65", "54"), null);
          List<Object> regionParams = new ArrayList<>();
          String regionWhere = OrderQueries.where(firstMerchant + 11, regionOnly, regionParams);
          String regionCount = explain(OrderQueries.countSql(regionWhere), regionParams);
          assertThat(regionCount)
              .containsAnyOf("orders_merchant_promised_id", "orders_region_keys")
              .contains("region_keys && ")
              .doesNotContain("Seq Scan on orders");

          // across merchants, a small region is read from the GIN index on the keys
          String rare =
              explain(
                  "select count(*) from orders o where o.region_keys && ?::text[]",
                  List.of((Object) new String[] {"5401"}));
          assertThat(rare).contains("orders_region_keys").doesNotContain("Seq Scan on orders");
        });
  }

  /** Merchants and their orders, set-based; answers the first merchant's id. */
  private long generate(int merchants, int orders) {
    List<Long> ids =
        jdbc.sql(
                """
                insert into merchant (name, ship_from_region, token_hash)
                select '压测商家' || m, '3301', md5('plan-' || m || clock_timestamp()) || md5(m::text)
                  from generate_series(1, ?) as m
                returning id
                """)
            .param(merchants)
            .query(Long.class)
            .list();
    long first = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, address_regions,
                                dual_address, receiving_region_given, ship_from_region, status)
            select '9' || lpad(i::text, 15, '0'), ? + (i % ?), (700 + i % 20)::text,
                   now() - interval '1 day', now() + (i % 720) * interval '1 hour',
                   '压测地址' || i, g.region,
                   -- one order in 50 names a second place, in Xinjiang (a dual address)
                   case when i % 50 = 0 then array[g.region, '6501'] else array[g.region] end,
                   i % 50 = 0, false, '3301',
                   case when i % 10 < 7 then 'PENDING_SHIPMENT'
                        when i % 10 < 9 then 'SHIPPED' else 'CANCELLED' end
              from generate_series(1, ?) as i
             cross join lateral (
                   -- Tibet (5401) is rare: 1 order in 1,000
                   select case when i % 1000 = 3 then '540102'
                               else (array['610113','110105','310115','440305','330106','510107',
                                           '650102','420111','320106','150102'])[1 + (i / 7) % 10]
                          end as region) g
            """)
        .params(first, merchants, orders)
        .update();
    jdbc.sql("analyze orders").update();
    return first;
  }

  private String explain(String sql, List<Object> params) {
    String plan =
        String.join("\n", jdbc.sql("explain " + sql).params(params).query(String.class).list());
    return plan;
  }
}
