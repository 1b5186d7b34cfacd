-- Assessment-adjustment announcements (发货考核调整公告). An announcement exempts every order whose
-- promised ship time lies in [promised_from, promised_to) and whose receiving and/or ship-from
-- region (as chosen) lies inside one of its regions. The exemption is computed when an order is
-- read, never stored per order, so orders synced after the announcement are covered as well.

create table announcement (
    id                bigint generated always as identity primary key,
    title             text        not null,
    -- reduced GB/T 2260 codes: a region contains every region whose code starts with its code
    regions           text[]      not null,
    applies_receiving boolean     not null,
    applies_ship_from boolean     not null,
    promised_from     timestamptz not null,
    promised_to       timestamptz not null,
    created_by        text,
    created_at        timestamptz not null default now(),
    constraint announcement_window_check check (promised_from < promised_to),
    constraint announcement_applies_check check (applies_receiving or applies_ship_from),
    constraint announcement_regions_check check (cardinality(regions) > 0)
);

-- Finds the announcements whose window holds a promised ship time (half-open, as tstzrange's '[)').
create index announcement_window on announcement using gist (tstzrange(promised_from, promised_to));

-- THE definition of "exempt by announcement": the announcements covering an order, given its
-- promised ship time and regions. A plain SQL set-returning function, so the planner inlines it
-- into a lateral join or an exists (no per-row function call).
create function announcements_covering(p_promised_ship_at timestamptz, p_receiving_region text,
                                       p_ship_from_region text)
    returns table (announcement_id bigint, until timestamptz)
    language sql stable parallel safe
as $$
    select a.id, a.promised_to
      from announcement a
     where tstzrange(a.promised_from, a.promised_to) @> p_promised_ship_at
       and exists (select 1
                     from unnest(a.regions) as r(code)
                    where (a.applies_receiving and p_receiving_region like r.code || '%')
                       or (a.applies_ship_from and p_ship_from_region like r.code || '%'))
$$;

-- The same, as a relation for ad-hoc SQL and reporting: one row per order and covering announcement.
create view order_announcement_exemption as
select o.order_id, c.announcement_id, c.until
  from orders o
 cross join lateral announcements_covering(o.promised_ship_at, o.receiving_region,
                                           o.ship_from_region) c;

-- An announcement's covered-order count reads every merchant's orders of its window: without this
-- index that is a scan of the whole table. The regions and status are included so the count is
-- judged from the index.
create index orders_promised on orders (promised_ship_at) include (receiving_region, ship_from_region, status);
