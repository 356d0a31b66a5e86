-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);
DROP INDEX CONCURRENTLY IF EXISTS idx_orders_legacy;
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
