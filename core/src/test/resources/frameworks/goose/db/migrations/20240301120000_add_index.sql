-- +goose Up
-- goose wraps this in a transaction: CONCURRENTLY fails here.
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);  -- expect: ban-concurrently-in-transaction@1

-- +goose Down
DROP INDEX orders_created_idx;
