-- Freight templates and the ad-exclusion sets derived from them.

create table freight_template (
    id                        bigint generated always as identity primary key,
    merchant_id               bigint      not null references merchant (id),
    name                      text        not null,
    non_delivery_regions      text[]      not null default '{}',
    non_free_shipping_regions text[]      not null default '{}',
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now()
);

create index freight_template_merchant on freight_template (merchant_id, id);

-- A merchant's current exclusion set: the reduced union of its templates' non-delivery regions.
-- Template writes lock this row first, so concurrent edits of one merchant serialize.
create table ad_exclusion (
    merchant_id bigint      primary key references merchant (id),
    version     bigint      not null default 0,
    regions     text[]      not null default '{}',
    updated_at  timestamptz not null default now()
);

-- The platform's change feed: one row per changed set, in commit order (writers take a
-- transaction-level advisory lock before inserting, so seq order is commit order).
create table ad_exclusion_change (
    seq         bigint generated always as identity primary key,
    merchant_id bigint      not null references merchant (id),
    version     bigint      not null,
    regions     text[]      not null,
    at          timestamptz not null default now(),
    unique (merchant_id, version)
);
