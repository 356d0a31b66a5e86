-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz DEFAULT now());
CREATE INDEX orders_created_at_idx ON orders (created_at);
INSERT INTO orders (id) SELECT generate_series(1, 100);
