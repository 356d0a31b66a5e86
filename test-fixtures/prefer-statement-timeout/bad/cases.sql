-- +goose NO TRANSACTION
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);  -- expect: prefer-statement-timeout@1 "no statement_timeout"
CREATE INDEX CONCURRENTLY orders_state_idx ON orders (state);
