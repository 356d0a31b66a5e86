-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL);
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);
CREATE PUBLICATION app_pub FOR TABLE orders, customers, invoices;
CREATE PUBLICATION analytics FOR TABLE orders;
CREATE PUBLICATION "Legacy" FOR TABLE customers;
