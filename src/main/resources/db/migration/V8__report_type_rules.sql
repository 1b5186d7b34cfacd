-- The type rules a report was filed under, as the DMN table ReportTypeRules answered at filing
-- (evaluated once, through the engine's decision service, so Cockpit's decision history shows
-- it). Every later step reads them here instead of evaluating the table again: a report is
-- judged by the rules in force when it was filed. Rows filed before this column existed are
-- filled at start-up (TypePolicies).
alter table delay_report add column type_rules jsonb;

-- The ETag the object store answered when the file was stored. Checking a file is then a stat
-- that compares it, not a download that re-hashes every byte.
alter table evidence add column etag text;
