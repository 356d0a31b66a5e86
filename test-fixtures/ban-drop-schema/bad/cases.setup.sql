-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE SCHEMA legacy;
CREATE TABLE legacy.invoices (id bigint PRIMARY KEY);
CREATE TABLE legacy.payments (id bigint PRIMARY KEY, invoice_id bigint REFERENCES legacy.invoices (id));
INSERT INTO legacy.invoices SELECT g FROM generate_series(1, 100) g;
CREATE SCHEMA a;
CREATE TABLE a.notes (id bigint PRIMARY KEY);
CREATE SCHEMA b;
