-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE SCHEMA billing;
CREATE TABLE billing.invoice (id bigint PRIMARY KEY);
CREATE TABLE "LegacyOrders" (id bigint PRIMARY KEY);
INSERT INTO accounts SELECT generate_series(1, 100);
