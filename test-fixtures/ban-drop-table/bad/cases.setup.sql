-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE legacy_sessions (id bigint PRIMARY KEY);
CREATE TABLE public.old_orders (id bigint PRIMARY KEY);
CREATE TABLE audit_2019 (id bigint PRIMARY KEY);
INSERT INTO legacy_sessions SELECT generate_series(1, 100);
