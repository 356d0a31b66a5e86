-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_created_at_idx ON orders (created_at);
CREATE UNLOGGED TABLE events (id bigint PRIMARY KEY, payload text);
CREATE TABLE sessions (id bigint PRIMARY KEY, token text);
CREATE TABLE attachments (id bigint PRIMARY KEY, body bytea);
INSERT INTO orders (id) SELECT generate_series(1, 100);
INSERT INTO events SELECT g, 'x' FROM generate_series(1, 100) g;
INSERT INTO sessions SELECT g, 't' || g FROM generate_series(1, 100) g;
INSERT INTO attachments SELECT g, '\x00' FROM generate_series(1, 100) g;
