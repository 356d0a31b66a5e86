-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, legacy text);
INSERT INTO orders SELECT g, g % 10, 'x' FROM generate_series(1, 100) g;
