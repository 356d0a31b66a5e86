-- fixture: pg-version=13
SET lock_timeout = '2s';
-- There is no CONCURRENTLY before PostgreSQL 14: nothing better to suggest.
ALTER TABLE events DETACH PARTITION events_2019;
ALTER TABLE events DETACH PARTITION events_2018;
ALTER TABLE logs DETACH PARTITION logs_2017;
