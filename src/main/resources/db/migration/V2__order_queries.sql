-- The merchant's order list (GET /api/v1/orders) pages by (promised_ship_at, order_id) inside
-- (merchant_id[, status]). With order_id as the last key the index gives the page's order
-- itself, so "50 pending orders of a time range in a province" reads about 50 index entries
-- instead of sorting the whole range; receiving_region is included so the province filter and
-- the page's count(*) are judged from the index (index-only scans once the table is vacuumed).
-- These replace the V1 indexes they extend: a prefix twin only costs writes on the bulk sync.

create index orders_merchant_status_promised_id
    on orders (merchant_id, status, promised_ship_at, order_id) include (receiving_region);
drop index orders_merchant_status_promised;

create index orders_merchant_promised_id
    on orders (merchant_id, promised_ship_at, order_id) include (receiving_region);
drop index orders_merchant_promised;
