-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS orders_user_id_idx;
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);  -- expect: prefer-if-exists@1 "retry fails"
DROP INDEX CONCURRENTLY IF EXISTS orders_legacy_idx;  -- expect: prefer-if-exists@1
DROP INDEX CONCURRENTLY IF EXISTS users_email_key;
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);  -- expect: prefer-if-exists@1
