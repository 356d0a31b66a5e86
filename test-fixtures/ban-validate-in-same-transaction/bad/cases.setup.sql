-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL DEFAULT 0);
CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
INSERT INTO accounts (id) SELECT generate_series(1, 100);
INSERT INTO users SELECT generate_series(1, 10);
INSERT INTO orders SELECT g, g % 10 + 1 FROM generate_series(1, 100) g;
