-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS payments_order_id_idx ON payments (order_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS payments_order_id_idx;
