-- Schema the fixture runs against on PostgreSQL (FailureClaimsOnPostgresTest).
CREATE TYPE order_status AS ENUM ('new', 'paid');
CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL DEFAULT 'new', refunded_at timestamptz);
CREATE TABLE order_status_labels (status order_status PRIMARY KEY, label text);
INSERT INTO orders (id, refunded_at) SELECT g, CASE WHEN g % 2 = 0 THEN now() END FROM generate_series(1, 10) g;
