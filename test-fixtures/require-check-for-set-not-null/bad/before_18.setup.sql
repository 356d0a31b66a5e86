-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text);
INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
