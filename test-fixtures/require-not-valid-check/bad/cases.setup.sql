-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, balance bigint NOT NULL, code text NOT NULL);
INSERT INTO accounts SELECT g, g * 10, lpad(g::text, 8, '0') FROM generate_series(1, 100) g;
