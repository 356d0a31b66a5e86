-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, legacy text, legacy_two text);
INSERT INTO orders SELECT g, g % 10, 'x', 'y' FROM generate_series(1, 100) g;
