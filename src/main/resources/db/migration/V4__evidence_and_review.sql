-- Evidence files live in the object store; the database keeps where, what and their checksum.
create table evidence (
    id           bigint generated always as identity primary key,
    report_id    bigint       not null references delay_report (id),
    kind         varchar(32)  not null,
    file_name    text         not null,
    content_type varchar(64)  not null,
    size         bigint       not null,
    sha256       char(64)     not null,
    object_key   text         not null unique,
    uploaded_at  timestamptz  not null default clock_timestamp()
);

create index evidence_report on evidence (report_id, uploaded_at);

-- The evidence loop of the review: a reviewer's request, and when the wait for it expires.
alter table delay_report
    add column evidence_requested_at timestamptz,
    add column evidence_request_note text,
    add column evidence_due_at       timestamptz;

create index notification_report on notification (report_id);

-- An order dropped at validation (it shipped before review) is no longer part of the report;
-- a released order (rejected, withdrawn, expired report) still is, for the record.
alter table report_order add column removed boolean not null default false;
