-- Webhooks: a merchant's endpoints, the events recorded for them (a transactional outbox, written
-- in the transaction of the notification or state change that causes them) and one delivery per
-- event and endpoint, whose state is all a dispatcher node needs: a restarted or second node picks
-- up exactly where the first left off.

create table webhook_endpoint (
    id            bigint generated always as identity primary key,
    merchant_id   bigint       not null references merchant (id),
    url           text         not null,
    event_types   text[]       not null,
    -- the HMAC key: needed in the clear to sign, so it is stored, never logged and shown once
    secret        text         not null,
    status        varchar(16)  not null default 'ACTIVE',
    created_at    timestamptz  not null default now(),
    failing_since timestamptz,
    constraint webhook_endpoint_status_check check (status in ('ACTIVE', 'FAILING'))
);

-- one registration per URL and merchant: a second one would deliver every event twice
create unique index webhook_endpoint_merchant_url on webhook_endpoint (merchant_id, url);

create table webhook_event (
    id          uuid         primary key,
    merchant_id bigint       not null references merchant (id),
    type        varchar(40)  not null,
    report_id   bigint,
    at          timestamptz  not null,
    -- the exact bytes every attempt sends and signs
    body        text         not null
);

create index webhook_event_at on webhook_event (at);

create table webhook_delivery (
    id              bigint generated always as identity primary key,
    endpoint_id     bigint       not null references webhook_endpoint (id) on delete cascade,
    event_id        uuid         not null references webhook_event (id) on delete cascade,
    status          varchar(16)  not null default 'PENDING',
    attempt         int          not null default 0,
    created_at      timestamptz  not null,
    -- null once DELIVERED or FAILED
    next_attempt_at timestamptz,
    -- a node that claimed the delivery holds it until lease_until; its result only counts while
    -- the token is still its own
    lease_token     uuid,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    response_code   int,
    latency_ms      int,
    error           varchar(40),
    constraint webhook_delivery_status_check check (status in ('PENDING', 'DELIVERED', 'FAILED'))
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, id desc);
create index webhook_delivery_event on webhook_delivery (event_id);
