package com.shipdelay.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.region.AddressParser;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Orders stored with regions an older parser or dictionary computed (written here by SQL, as they
 * would be found after an upgrade) get them recomputed by the admin command, addresses untouched.
 * The command walks every order of the shared database; the assertions look at this class's rows.
 */
@IntegrationTest
class RegionRecomputeTest {

  static final String PATH = "/api/v1/admin/orders/recompute-regions";
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired AddressParser parser;
  @Autowired RegionRecompute recompute;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant("3301");
  }

  /** An order as an older version left it: its region, list, flag and whose region it was. */
  private String stale(String address, String region, String regions, Boolean given) {
    String id = "55" + String.format("%016d", IDS.incrementAndGet());
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, promised_ship_at,
                                receiving_address, receiving_region, address_regions,
                                dual_address, receiving_region_given, ship_from_region, status)
            values (?, ?, '7001', now() + interval '1 day', ?, ?, ?::text[], false, ?, '3301',
                    'PENDING_SHIPMENT')
            """)
        .params(id, merchant.id(), address, region, regions, given)
        .update();
    return id;
  }

  private Map<String, Object> row(String id) {
    return jdbc.sql(
            """
            select receiving_address, receiving_region, array_to_string(address_regions, '|') as list,
                   dual_address, receiving_region_given, region_keys::text as keys
              from orders where order_id = ?
            """)
        .param(id)
        .query()
        .singleRow();
  }

  private JsonNode post() {
    var response = api.post(PATH, Api.ADMIN);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  @Test
  void staleRegionsAreRecomputedAndAddressesKept() {
    String dual = stale("陕西省西安市新疆乌鲁木齐xxxxxx", null, "{}", false);
    String oldName = stale("浙江省杭州市江干区景芳路3号", "33", "{33}", false);
    String legacyWrong = stale("陕西省西安市雁塔区小寨东路1号", "3211", "{}", null);
    String legacyFiner = stale("陕西省西安市 小寨", "610113", "{}", null);
    String platform = stale("陕西省西安市雁塔区小寨东路1号", "650102", "{650102}", true);
    String unplaced = stale("无法识别的地址", "610113", "{610113}", false);
    jdbc.sql("update address_regions_state set computed_version = 'parser 0; old'").update();
    assertThat(recompute.needed()).isTrue();

    JsonNode result = post();

    assertThat(result.get("version").asText()).isEqualTo(parser.version());
    assertThat(result.get("checked").asLong()).isGreaterThanOrEqualTo(6);
    assertThat(result.get("changed").asLong()).isGreaterThanOrEqualTo(6);
    assertThat(row(dual))
        .containsEntry("receiving_address", "陕西省西安市新疆乌鲁木齐xxxxxx")
        .containsEntry("receiving_region", "6101")
        .containsEntry("list", "6101|6501")
        .containsEntry("dual_address", true)
        .containsEntry("keys", "{61,6101,65,6501}");
    assertThat(row(oldName))
        .containsEntry("receiving_address", "浙江省杭州市江干区景芳路3号")
        .containsEntry("receiving_region", "330102")
        .containsEntry("list", "330102");
    // before V7 nobody recorded whose region it was: the parser's reading replaces a region
    // that contradicts the address, a finer one inside the parser's reading stays
    assertThat(row(legacyWrong))
        .containsEntry("receiving_region", "610113")
        .containsEntry("receiving_region_given", false);
    assertThat(row(legacyFiner))
        .containsEntry("receiving_region", "610113")
        .containsEntry("list", "610113")
        .containsEntry("receiving_region_given", null);
    // the platform's region stays first; the place the address names follows
    assertThat(row(platform))
        .containsEntry("receiving_region", "650102")
        .containsEntry("list", "650102|610113")
        .containsEntry("dual_address", false);
    // derived by an older parser that read something the current one does not
    assertThat(row(unplaced))
        .containsEntry("receiving_address", "无法识别的地址")
        .containsEntry("receiving_region", null)
        .containsEntry("list", "");
    assertThat(recompute.needed()).isFalse();
    JsonNode state = api.get(PATH, Api.ADMIN).json();
    assertThat(state.get("computedVersion").asText()).isEqualTo(parser.version());
    assertThat(state.get("needed").asBoolean()).isFalse();

    // a second run finds nothing to change
    assertThat(post().get("changed").asLong()).isZero();
  }

  @Test
  void itWorksInBatchesAndAStoppedRunResumesAfterItsCursor() {
    List<String> many =
        jdbc.sql(
                """
                insert into orders (order_id, merchant_id, product_id, promised_ship_at,
                                    receiving_address, receiving_region, receiving_region_given,
                                    ship_from_region, status)
                select ? || lpad(i::text, 6, '0'), ?, '7001', now(),
                       '陕西省西安市新疆乌鲁木齐' || i || '号', null, false, '3301', 'SHIPPED'
                  from generate_series(1, ?) as i
                returning order_id
                """)
            .params(
                "56" + String.format("%010d", IDS.incrementAndGet()),
                merchant.id(),
                RegionRecompute.BATCH + 500)
            .query(String.class)
            .list();
    String before = many.get(0);
    String after = many.get(many.size() - 1);
    // a run of this version stopped after the first of them
    jdbc.sql(
            "update address_regions_state set running_version = ?, cursor = ?, checked = 0, changed = 0")
        .params(parser.version(), before)
        .update();

    var resumed = recompute.run(true, "test").orElseThrow();

    assertThat(row(after)).containsEntry("receiving_region", "6101");
    assertThat(row(before)).as("before the cursor").containsEntry("receiving_region", null);
    assertThat(resumed.changed()).isGreaterThanOrEqualTo(many.size() - 1);

    var full = recompute.run(false, "test").orElseThrow();

    assertThat(row(before)).containsEntry("receiving_region", "6101");
    assertThat(
            data.count(
                "select count(*) from orders where order_id = any(?) and dual_address"
                    + " and address_regions = '{6101,6501}'",
                (Object) many.toArray(String[]::new)))
        .isEqualTo(many.size());
    assertThat(full.checked()).isGreaterThanOrEqualTo(many.size());
  }

  @Test
  void oneRunAtATimeAndAdminsOnly() throws Exception {
    try (Connection other = dataSource.getConnection();
        Statement s = other.createStatement()) {
      s.execute("select pg_advisory_lock(" + 0x5D_2026_0012L + ")");
      try {
        var busy = api.post(PATH, Api.ADMIN);
        assertThat(busy.status()).as(busy.text()).isEqualTo(409);
        assertThat(busy.json().get("code").asText()).isEqualTo("RECOMPUTE_RUNNING");
      } finally {
        s.execute("select pg_advisory_unlock(" + 0x5D_2026_0012L + ")");
      }
    }
    assertThat(api.post(PATH, null).status()).isEqualTo(401);
    assertThat(api.post(PATH, Api.bearer(merchant.token())).status()).isIn(401, 403);
    assertThat(api.post(PATH, Api.REVIEWER).status()).isEqualTo(403);
  }
}
