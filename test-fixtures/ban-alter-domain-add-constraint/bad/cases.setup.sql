-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE DOMAIN positive_int AS integer;
CREATE DOMAIN public.email AS text;
CREATE DOMAIN us_zip AS text;
CREATE TABLE accounts (id bigint PRIMARY KEY, credits positive_int, email email, zip us_zip);
INSERT INTO accounts SELECT g, g, 'a' || g || '@example.com', lpad(g::text, 5, '0') FROM generate_series(1, 100) g;
