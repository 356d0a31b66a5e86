-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest). heap2 is the heap's own
-- handler under another name: a second table access method, as an extension such as a columnar store would add.
CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
CREATE TABLE events (id bigint PRIMARY KEY, payload text);
INSERT INTO events SELECT g, 'event ' || g FROM generate_series(1, 100) g;
CREATE SCHEMA archive;
CREATE TABLE archive."Logs" (id bigint PRIMARY KEY, line text) USING heap2;
INSERT INTO archive."Logs" SELECT g, 'line ' || g FROM generate_series(1, 100) g;
CREATE TABLE metrics (id bigint PRIMARY KEY, value float8);
INSERT INTO metrics SELECT g, g FROM generate_series(1, 100) g;
