-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, legacy_note text);
INSERT INTO accounts SELECT g, 'x' FROM generate_series(1, 100) g;
