-- Outside a transaction block these are fine.
CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);
DROP INDEX CONCURRENTLY idx_orders_legacy;
VACUUM ANALYZE orders;
BEGIN;
-- REFRESH ... CONCURRENTLY and ANALYZE may run inside one.
SET LOCAL lock_timeout = '2s';
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;
ANALYZE orders;
COMMIT;
