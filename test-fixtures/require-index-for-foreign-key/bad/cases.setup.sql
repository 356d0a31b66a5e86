-- Schema the fixture runs against on PostgreSQL (RewritesRunOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint, shipped_by bigint);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, account_id bigint, order_id bigint);
