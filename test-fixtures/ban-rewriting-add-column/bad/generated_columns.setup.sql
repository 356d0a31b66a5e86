-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL DEFAULT 1);
INSERT INTO orders (id) SELECT generate_series(1, 100);
