-- Exempting a report's orders rewrites those rows. No index covers the exemption columns, so
-- with free room on the page PostgreSQL keeps the new version there (a HOT update) and writes no
-- index entries; a 100 % full page forces a new entry in every index of the table.
alter table orders set (fillfactor = 90);
