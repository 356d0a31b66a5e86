-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;
SET lock_timeout = '2s';
BEGIN;
ALTER TABLE orders ADD COLUMN note text;
COMMIT;
