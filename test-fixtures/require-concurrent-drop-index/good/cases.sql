-- +goose NO TRANSACTION
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS index_orders_on_user_id;
DROP INDEX CONCURRENTLY public.index_orders_on_state;
-- An index built earlier in this migration has never been used.
CREATE INDEX CONCURRENTLY tmp_orders_idx ON orders (id);
DROP INDEX tmp_orders_idx;
