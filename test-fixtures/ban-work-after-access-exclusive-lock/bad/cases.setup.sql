-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE y (z int);
CREATE TABLE orders (id bigint PRIMARY KEY, state text);
CREATE TABLE audit (what text);
