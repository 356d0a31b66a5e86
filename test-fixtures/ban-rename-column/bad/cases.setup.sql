-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE public.orders (id bigint PRIMARY KEY, total bigint);
CREATE TABLE "Accounts" (id bigint PRIMARY KEY, "Name" text);
INSERT INTO users SELECT g, 'u' FROM generate_series(1, 100) g;
