-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest): generated columns SET EXPRESSION changes.
CREATE TABLE products (id bigint PRIMARY KEY, price numeric NOT NULL,
  price_with_tax numeric GENERATED ALWAYS AS (price * 1.1) STORED);
INSERT INTO products (id, price) SELECT g, g FROM generate_series(1, 100) g;
CREATE SCHEMA shop;
CREATE TABLE shop."Line Items" (id bigint PRIMARY KEY, qty int NOT NULL, unit_price numeric NOT NULL,
  total numeric GENERATED ALWAYS AS (qty * unit_price) STORED);
INSERT INTO shop."Line Items" (id, qty, unit_price) SELECT g, g, 2 FROM generate_series(1, 100) g;
CREATE TABLE orders (id bigint PRIMARY KEY, code text NOT NULL, label text GENERATED ALWAYS AS ('#' || code) STORED);
INSERT INTO orders (id, code) SELECT g, 'o' || g FROM generate_series(1, 100) g;
