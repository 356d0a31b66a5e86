-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text, tenant_id bigint, login text);
CREATE TABLE items (id bigint NOT NULL);
INSERT INTO users SELECT g, 'u' || g, g, 'l' || g FROM generate_series(1, 100) g;
INSERT INTO items SELECT generate_series(1, 100);
