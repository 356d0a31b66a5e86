-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE payments (id bigint PRIMARY KEY);
