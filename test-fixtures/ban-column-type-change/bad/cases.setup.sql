-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, balance integer, code varchar(100), amount real);
CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamp);
INSERT INTO accounts SELECT g, g, 'c' || g, g FROM generate_series(1, 100) g;
INSERT INTO events SELECT g, timestamp '2024-01-01' + g * interval '1 hour' FROM generate_series(1, 100) g;
-- The findings state the worst case of what they cannot see: code is wider than varchar(50) (so the
-- change shrinks it), and the session TimeZone is not UTC (so timestamp to timestamptz rewrites).
SET TimeZone = 'Europe/Berlin';
