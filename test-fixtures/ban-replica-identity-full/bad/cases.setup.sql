-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;
CREATE TABLE page_views (url text NOT NULL, viewed_at timestamptz NOT NULL);
INSERT INTO page_views SELECT 'https://example.com/' || g, now() FROM generate_series(1, 100) g;
CREATE SCHEMA audit;
CREATE TABLE audit."Changes" (id bigint NOT NULL, what text);
