-- Domain tables. The engine owns the ACT_* tables in the same database.

create table merchant (
    id               bigint generated always as identity primary key,
    name             text        not null,
    ship_from_region varchar(6)  not null,
    token_hash       char(64)    not null unique,
    created_at       timestamptz not null default now()
);

create table orders (
    order_id          varchar(32)  primary key,
    merchant_id       bigint       not null references merchant (id),
    product_id        varchar(32)  not null,
    paid_at           timestamptz,
    promised_ship_at  timestamptz  not null,
    receiving_address text         not null,
    receiving_region  varchar(6),
    ship_from_region  varchar(6),
    status            varchar(20)  not null,
    shipped_at        timestamptz,
    picked_up_at      timestamptz,
    cancelled_at      timestamptz,
    -- set by an approved report; announcement exemptions are computed, never stored per order
    exempt_report_id  bigint,
    exempt_until      timestamptz,
    updated_at        timestamptz  not null default now(),
    constraint orders_status_check check (status in ('PENDING_SHIPMENT', 'SHIPPED', 'CANCELLED'))
);

-- A merchant's own order queries: by status and promised ship time, then region by prefix.
create index orders_merchant_status_promised on orders (merchant_id, status, promised_ship_at);
create index orders_merchant_promised on orders (merchant_id, promised_ship_at);
create index orders_merchant_region on orders (merchant_id, receiving_region varchar_pattern_ops);

create table delay_report (
    id               bigint generated always as identity primary key,
    merchant_id      bigint       not null references merchant (id),
    type             varchar(32)  not null,
    status           varchar(20)  not null,
    delay_until      timestamptz  not null,
    reason           text         not null,
    remark           text,
    affected_regions text[]       not null default '{}',
    excluded_orders  jsonb        not null default '[]',
    decision         varchar(20),
    decision_comment text,
    created_at       timestamptz  not null default now(),
    review_due_at    timestamptz  not null,
    decided_at       timestamptz,
    constraint delay_report_status_check check (status in ('SUBMITTED', 'AWAITING_EVIDENCE', 'IN_REVIEW',
        'ESCALATED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'INVALID'))
);

create index delay_report_merchant_created on delay_report (merchant_id, created_at desc);
create index delay_report_merchant_status on delay_report (merchant_id, status, created_at desc);

-- The orders a report covers. An order can be claimed by one live (pending or approved)
-- report at a time: the partial unique index settles concurrent claims, not a read-then-write.
create table report_order (
    report_id bigint      not null references delay_report (id),
    order_id  varchar(32) not null references orders (order_id),
    active    boolean     not null default true,
    primary key (report_id, order_id)
);

create unique index report_order_one_live_claim on report_order (order_id) where active;
create index report_order_order on report_order (order_id);

create table report_event (
    id        bigint generated always as identity primary key,
    report_id bigint       not null references delay_report (id),
    -- clock time, not transaction time: events of one transaction keep their order
    at        timestamptz  not null default clock_timestamp(),
    event     varchar(32)  not null,
    detail    text
);

create index report_event_report on report_event (report_id, at);

create table idempotency_key (
    merchant_id  bigint      not null references merchant (id),
    key          varchar(200) not null,
    request_hash char(64)    not null,
    report_id    bigint references delay_report (id),
    created_at   timestamptz not null default now(),
    primary key (merchant_id, key)
);

create table notification (
    id          bigint generated always as identity primary key,
    merchant_id bigint      not null references merchant (id),
    report_id   bigint references delay_report (id),
    type        varchar(32) not null,
    message     text        not null,
    at          timestamptz not null default now()
);

create index notification_merchant_at on notification (merchant_id, at desc);
