-- Every region a receiving address names (issue 12, DESIGN.md "Dual address"). The receiving
-- region stays the first one named; a filter or an announcement by region matches an order when
-- ANY of its address regions lies inside one of its regions.

alter table orders
    -- every region the address names, in the order named; the first is receiving_region. Empty
    -- on rows written before V7 (or by hand): region_keys falls back to receiving_region.
    add column address_regions        text[]  not null default '{}',
    -- the address names two or more regions that do not contain one another
    add column dual_address           boolean not null default false,
    -- true: the platform sent receiving_region; false: the parser derived it from the address;
    -- null: stored before V7, when nobody recorded which (RegionRecompute decides for those)
    add column receiving_region_given boolean;
-- rows written from now on by anything but the order sync (tests, demo data, hand-made SQL)
-- carry a region someone chose: a recompute keeps it
alter table orders alter column receiving_region_given set default true;

-- Every prefix (2, 4, 6 digits) of the receiving region and of the address regions. GB/T 2260
-- codes are hierarchical, so "an address region lies inside region R" (R a 2/4/6-digit code, the
-- old `receiving_region like R || '%'`) becomes "R is one of the keys": an array overlap, which a
-- GIN index answers.
create function region_prefixes(p_receiving_region text, p_address_regions text[])
    returns text[]
    language sql immutable parallel safe
as $$
    select coalesce(array_agg(distinct left(c.code, l.n) order by left(c.code, l.n)), '{}')
      from unnest(p_address_regions || p_receiving_region) as c(code)
     cross join (values (2), (4), (6)) as l(n)
     where length(c.code) >= l.n
$$;

-- Stored (generated), so rows written by any path get their keys, and a btree can INCLUDE them.
-- Adding it rewrites the table once.
alter table orders
    add column region_keys text[] not null
        generated always as (region_prefixes(receiving_region, address_regions)) stored;

-- "Orders in these regions", for any merchant (announcement counts over long windows, a merchant's
-- region filter without a time range): the overlap operator && on the keys.
create index orders_region_keys on orders using gin (region_keys);
drop index orders_merchant_region;

-- The merchant's order list (V2) judged its region filter from the index; it now filters on the
-- keys, so the same indexes include them instead of receiving_region (same names: plans, benches
-- and docs refer to them).
drop index orders_merchant_status_promised_id;
create index orders_merchant_status_promised_id
    on orders (merchant_id, status, promised_ship_at, order_id) include (region_keys);
drop index orders_merchant_promised_id;
create index orders_merchant_promised_id
    on orders (merchant_id, promised_ship_at, order_id) include (region_keys);

-- THE definition of "exempt by announcement" (V5), now by the order's region keys: an
-- announcement's regions are dictionary codes, so "an address region lies inside one of them" is
-- an overlap with the keys. The ship-from side is unchanged. Still a plain SQL function, inlined.
drop view order_announcement_exemption;
drop function announcements_covering(timestamptz, text, text);

create function announcements_covering(p_promised_ship_at timestamptz, p_region_keys text[],
                                       p_ship_from_region text)
    returns table (announcement_id bigint, until timestamptz)
    language sql stable parallel safe
as $$
    select a.id, a.promised_to
      from announcement a
     where tstzrange(a.promised_from, a.promised_to) @> p_promised_ship_at
       and ((a.applies_receiving and a.regions && p_region_keys)
            or (a.applies_ship_from
                and exists (select 1
                              from unnest(a.regions) as r(code)
                             where p_ship_from_region like r.code || '%')))
$$;

create view order_announcement_exemption as
select o.order_id, c.announcement_id, c.until
  from orders o
 cross join lateral announcements_covering(o.promised_ship_at, o.region_keys,
                                           o.ship_from_region) c;

-- The announcement's covered-order count reads its window from this index (V5): it now needs the
-- keys instead of receiving_region.
drop index orders_promised;
create index orders_promised on orders (promised_ship_at) include (region_keys, ship_from_region, status);

-- Which parser and dictionary computed the stored address regions, and how far a recompute got.
-- One row. A node that parses with another version recomputes (RegionRecompute), in batches by
-- order_id, resuming from cursor after a stop.
create table address_regions_state (
    id               boolean     primary key default true check (id),
    -- the version every stored order's regions were computed with; null: never completed
    computed_version text,
    -- the run in progress (or stopped): its version and the last order_id it finished
    running_version  text,
    cursor           varchar(32),
    checked          bigint      not null default 0,
    changed          bigint      not null default 0,
    started_at       timestamptz,
    finished_at      timestamptz
);
insert into address_regions_state (id) values (true);
