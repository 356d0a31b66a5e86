-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, street text, city text);
INSERT INTO users SELECT g, 'user' || g, 'street ' || g, 'city ' || g FROM generate_series(1, 100) g;
