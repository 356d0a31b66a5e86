-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, BehaviourClaimsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, note text);
INSERT INTO orders SELECT g, 'order ' || g FROM generate_series(1, 100) g;
CREATE SCHEMA shop;
CREATE TABLE shop."Items" (id int NOT NULL PRIMARY KEY, sku text);
INSERT INTO shop."Items" SELECT g, 'sku' || g FROM generate_series(1, 100) g;
CREATE TABLE invoices (id bigint PRIMARY KEY, total numeric);
INSERT INTO invoices SELECT g, g FROM generate_series(1, 100) g;
