-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest: the other rules' findings state lock facts).
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12, 2) NOT NULL DEFAULT 0, note text);
INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, legacy_ref text);
INSERT INTO billing.invoices SELECT g, 'ref' || g FROM generate_series(1, 100) g;
