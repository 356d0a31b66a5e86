-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
-- REFRESH ... CONCURRENTLY needs a populated view with a unique index.
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, total_cents bigint, created_at date);
INSERT INTO orders SELECT g, g % 10, g * 100, date '2024-01-01' + g % 30 FROM generate_series(1, 100) g;
CREATE MATERIALIZED VIEW order_totals AS SELECT customer_id, sum(total_cents) AS total FROM orders GROUP BY customer_id;
CREATE UNIQUE INDEX ON order_totals (customer_id);
CREATE SCHEMA reporting;
CREATE MATERIALIZED VIEW reporting.daily_revenue AS SELECT created_at, sum(total_cents) AS revenue FROM orders GROUP BY created_at;
CREATE UNIQUE INDEX ON reporting.daily_revenue (created_at);
CREATE MATERIALIZED VIEW "TopCustomers" AS SELECT customer_id FROM orders GROUP BY customer_id ORDER BY sum(total_cents) DESC LIMIT 3;
CREATE UNIQUE INDEX ON "TopCustomers" (customer_id);
