-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, legacy text);
CREATE INDEX orders_legacy_idx ON orders (legacy);
CREATE TABLE users (id bigint PRIMARY KEY, email text);
INSERT INTO orders SELECT g, g % 10, 'x' FROM generate_series(1, 100) g;
INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
