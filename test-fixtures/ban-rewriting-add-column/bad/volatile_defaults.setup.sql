-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY);
INSERT INTO accounts SELECT generate_series(1, 100);
