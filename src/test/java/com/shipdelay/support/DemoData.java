package com.shipdelay.support;

import com.shipdelay.merchant.ApiTokens;
import com.shipdelay.merchant.Merchants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Demo merchants, a few hundred pending orders over several provinces, and a banner with the
 * development credentials and where to click. For the embedded run only.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DemoData {

  private static final Logger log = LoggerFactory.getLogger(DemoData.class);

  /** Development tokens, fixed so the README's curl walkthrough can be pasted as it is. */
  public static final String MERCHANT_1_TOKEN = "sdm_demo_merchant_1_dev_token";

  public static final String MERCHANT_2_TOKEN = "sdm_demo_merchant_2_dev_token";

  private static final String[][] PLACES = {
    {"110105", "北京市朝阳区建国路88号SOHO现代城"},
    {"310115", "上海市浦东新区世纪大道100号"},
    {"440305", "广东省深圳市南山区科技园南区"},
    {"330106", "浙江省杭州市西湖区文三路90号"},
    {"510107", "四川省成都市武侯区人民南路四段"},
    {"650102", "新疆维吾尔自治区乌鲁木齐市天山区解放北路"},
    {"610113", "陕西省西安市雁塔区小寨东路"},
    {"420111", "湖北省武汉市洪山区珞喻路"},
    {"540102", "西藏自治区拉萨市城关区北京中路"},
    {"150102", "内蒙古自治区呼和浩特市新城区中山东路"}
  };

  private final Merchants merchants;
  private final JdbcClient jdbc;
  private final Environment environment;

  DemoData(Merchants merchants, JdbcClient jdbc, Environment environment) {
    this.merchants = merchants;
    this.jdbc = jdbc;
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void seed() {
    long first = merchants.create("示例旗舰店", "3301", ApiTokens.hash(MERCHANT_1_TOKEN));
    long second = merchants.create("示例生鲜店", "6101", ApiTokens.hash(MERCHANT_2_TOKEN));
    orders(first, "26110100", 240);
    orders(second, "26110200", 160);
    String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
    log.info(
        """

        ================= ShipDelay (embedded demo) =================
          Tasklist     {}/camunda/app/tasklist/
          Cockpit      {}/camunda/app/cockpit/
          Swagger UI   {}/swagger-ui.html
          API          {}/api/v1/
          Health       {}/actuator/health

          Camunda users (development passwords):
            admin    / admin-dev-password     (camunda-admin)
            reviewer / reviewer-dev-password  (reviewers)
            lead     / lead-dev-password      (review-leads)

          Merchant API tokens:
            merchant {} 示例旗舰店  {}   orders 2611010000000001…0240
            merchant {} 示例生鲜店  {}   orders 2611020000000001…0160
          Platform token: dev-platform-token
        ==============================================================
        """,
        base,
        base,
        base,
        base,
        base,
        first,
        MERCHANT_1_TOKEN,
        second,
        MERCHANT_2_TOKEN);
  }

  /** Pending orders promised over the next three days, spread over the places above. */
  private void orders(long merchantId, String prefix, int count) {
    String[] regions = new String[PLACES.length];
    String[] addresses = new String[PLACES.length];
    for (int i = 0; i < PLACES.length; i++) {
      regions[i] = PLACES[i][0];
      addresses[i] = PLACES[i][1];
    }
    jdbc.sql(
            """
            insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                                receiving_address, receiving_region, ship_from_region, status)
            select ? || lpad(i::text, 8, '0'), ?, '88000' || (i % 5),
                   now() - interval '1 day', date_trunc('hour', now()) + (i % 72) * interval '1 hour',
                   (?::text[])[1 + i % ?] || i || '号', (?::text[])[1 + i % ?],
                   (select ship_from_region from merchant where id = ?), 'PENDING_SHIPMENT'
              from generate_series(1, ?) as i
            """)
        .params(
            prefix,
            merchantId,
            addresses,
            addresses.length,
            regions,
            regions.length,
            merchantId,
            count)
        .update();
  }
}
