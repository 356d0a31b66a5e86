SET lock_timeout = '2s';
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
-- Emptying a view cannot be done concurrently.
REFRESH MATERIALIZED VIEW order_totals WITH NO DATA;
CREATE MATERIALIZED VIEW recent_orders AS SELECT * FROM orders WHERE created_at > now() - interval '1 day';
REFRESH MATERIALIZED VIEW recent_orders;
