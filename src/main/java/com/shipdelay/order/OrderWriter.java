package com.shipdelay.order;

import com.shipdelay.region.AddressParser;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a checked sync call: one {@code insert … select … from unnest(…) on conflict do update}.
 * The address is parsed here, once per order, into the order's receiving region and address regions
 * ({@link AddressRegions}).
 */
@Repository
class OrderWriter {

  private final JdbcClient jdbc;
  private final AddressParser addresses;

  OrderWriter(JdbcClient jdbc, AddressParser addresses) {
    this.jdbc = jdbc;
    this.addresses = addresses;
  }

  /**
   * An existing order keeps its merchant, its shipment, pickup and cancellation times and its
   * exemption; its status moves only out of PENDING_SHIPMENT (a shipped or cancelled order is never
   * reopened by a sync). A missing ship-from region is the merchant's. An unchanged address that
   * the parser cannot place, sent without a region, keeps the regions it had (the platform may have
   * named them before).
   *
   * @return how many orders were inserted or updated
   */
  int write(List<OrderSyncRequest.Item> orders) {
    int n = orders.size();
    Object[] columns = {
      new String[n], new Long[n], new String[n], new String[n], new String[n], new String[n],
      new String[n], new String[n], new Boolean[n], new Boolean[n], new String[n], new String[n]
    };
    for (int i = 0; i < n; i++) {
      OrderSyncRequest.Item o = orders.get(i);
      AddressRegions regions =
          AddressRegions.of(addresses.parse(o.receivingAddress()), o.receivingRegion());
      Object[] row = {
        o.orderId(),
        o.merchantId(),
        o.productId(),
        instant(o.paidAt()),
        instant(o.promisedShipAt()),
        o.receivingAddress(),
        regions.receivingRegion(),
        String.join(",", regions.regions()),
        regions.dual(),
        regions.given(),
        o.shipFromRegion(),
        o.status() == null ? OrderStatus.PENDING_SHIPMENT.name() : o.status()
      };
      for (int c = 0; c < row.length; c++) {
        ((Object[]) columns[c])[i] = row[c];
      }
    }
    int written = jdbc.sql(UPSERT).params(columns).update();
    if (written != n) {
      // an order was created under another merchant between the check and the write
      throw new ApiException(ErrorCode.ORDER_MERCHANT_MISMATCH, "部分订单已属于另一商家，本次未保存任何订单，请重试以查看具体订单");
    }
    return written;
  }

  private static final String UPSERT =
      """
      insert into orders (order_id, merchant_id, product_id, paid_at, promised_ship_at,
                          receiving_address, receiving_region, address_regions, dual_address,
                          receiving_region_given, ship_from_region, status, updated_at)
      select i.order_id, i.merchant_id, i.product_id, i.paid_at, i.promised_ship_at,
             i.receiving_address, i.receiving_region, string_to_array(i.address_regions, ','),
             i.dual_address, i.given, coalesce(i.ship_from_region, m.ship_from_region), i.status,
             now()
        from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::timestamptz[], ?::timestamptz[],
                    ?::text[], ?::varchar[], ?::text[], ?::boolean[], ?::boolean[], ?::varchar[],
                    ?::varchar[])
             as i(order_id, merchant_id, product_id, paid_at, promised_ship_at, receiving_address,
                  receiving_region, address_regions, dual_address, given, ship_from_region,
                  status)
        join merchant m on m.id = i.merchant_id
      on conflict (order_id) do update
         set product_id = excluded.product_id,
             paid_at = excluded.paid_at,
             promised_ship_at = excluded.promised_ship_at,
             receiving_address = excluded.receiving_address,
             -- an address the parser cannot place keeps the regions it had
             receiving_region = case when excluded.receiving_address = orders.receiving_address
                                          and excluded.receiving_region is null
                                     then orders.receiving_region
                                     else excluded.receiving_region end,
             address_regions = case when excluded.receiving_address = orders.receiving_address
                                         and excluded.receiving_region is null
                                    then orders.address_regions
                                    else excluded.address_regions end,
             dual_address = case when excluded.receiving_address = orders.receiving_address
                                      and excluded.receiving_region is null
                                 then orders.dual_address
                                 else excluded.dual_address end,
             receiving_region_given = case when excluded.receiving_address = orders.receiving_address
                                                and excluded.receiving_region is null
                                           then orders.receiving_region_given
                                           else excluded.receiving_region_given end,
             ship_from_region = excluded.ship_from_region,
             status = case when orders.status = 'PENDING_SHIPMENT'
                           then excluded.status else orders.status end,
             updated_at = now()
       -- never move an order to another merchant, even if one raced the check above
       where orders.merchant_id = excluded.merchant_id
      """;

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
