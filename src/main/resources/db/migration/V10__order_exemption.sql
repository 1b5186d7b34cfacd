-- A report's exemption of its orders gets a table of its own (issue 11). Exempting 50,000 orders
-- used to rewrite 50,000 rows of orders: a report's orders sit together on their pages, so the new
-- versions did not fit beside the old (no HOT update) and every write also went into all five
-- indexes of orders, one of them GIN. A narrow row per exempted order, in one index, is about a
-- fifth of that work (EXPLAIN ANALYZE over 1,000,000 orders: 1.10 s before, 0.23 s after).
create table order_exemption (
    order_id     varchar(32)  primary key,
    -- the approved report that exempts the order; a later approved report of the same order takes
    -- its place (as the column on orders did)
    report_id    bigint       not null,
    -- the report's delayUntil: the exemption holds while the order keeps to it
    exempt_until timestamptz  not null,
    exempted_at  timestamptz  not null default now()
);
-- No foreign keys, on purpose: every row is written by one statement from report_order, whose own
-- keys already hold the order and the report; checking them again costs a trigger call per row
-- (0.5 s for 50,000 orders), more than the write itself.

insert into order_exemption (order_id, report_id, exempt_until, exempted_at)
select order_id, exempt_report_id, exempt_until, updated_at
  from orders
 where exempt_report_id is not null and exempt_until is not null;

alter table orders drop column exempt_report_id, drop column exempt_until;
