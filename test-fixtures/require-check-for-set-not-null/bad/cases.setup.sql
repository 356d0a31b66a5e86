-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text, name text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, user_id bigint, total bigint);
INSERT INTO users SELECT g, 'u' || g, 'n' FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, g, g FROM generate_series(1, 100) g;
