-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, shipped_at timestamptz NOT NULL, total numeric NOT NULL);
INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, now(), g FROM generate_series(1, 100) g;
