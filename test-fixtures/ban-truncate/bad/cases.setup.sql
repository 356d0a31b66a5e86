-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE sessions (id bigint PRIMARY KEY);
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE public.events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id bigint REFERENCES accounts);
INSERT INTO sessions SELECT generate_series(1, 100);
INSERT INTO accounts SELECT generate_series(1, 100);
