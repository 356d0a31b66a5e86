-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, legacy_password_hash text, a int, b int);
CREATE TABLE public.orders (id bigint PRIMARY KEY, coupon_code text);
INSERT INTO users SELECT g, 'h', 1, 2 FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, 'c' FROM generate_series(1, 100) g;
