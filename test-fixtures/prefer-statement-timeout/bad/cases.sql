-- +goose NO TRANSACTION
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_user_id_idx ON orders (user_id);  -- expect: prefer-statement-timeout@1 "no statement_timeout"
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_state_idx ON orders (state);
