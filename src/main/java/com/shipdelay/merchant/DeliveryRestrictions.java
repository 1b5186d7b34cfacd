package com.shipdelay.merchant;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where a merchant does not deliver, or does not ship free, by its freight templates. */
@Component
public class DeliveryRestrictions {

  private final JdbcClient jdbc;

  DeliveryRestrictions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The union of the non-delivery and non-free-shipping regions of all the merchant's templates.
   */
  public Set<String> restrictedRegions(long merchantId) {
    return new LinkedHashSet<>(
        jdbc.sql(
                """
                select distinct region
                  from freight_template t,
                       unnest(t.non_delivery_regions || t.non_free_shipping_regions) as region
                 where t.merchant_id = ?
                 order by region
                """)
            .param(merchantId)
            .query(String.class)
            .list());
  }
}
