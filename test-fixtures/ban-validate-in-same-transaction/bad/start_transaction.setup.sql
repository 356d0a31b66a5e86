-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text, age int);
INSERT INTO users SELECT g, 'u' || g, g FROM generate_series(1, 100) g;
