-- +goose NO TRANSACTION
-- +goose Up
DROP INDEX CONCURRENTLY IF EXISTS payments_order_id_idx;
CREATE INDEX CONCURRENTLY payments_order_id_idx ON payments (order_id);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS payments_order_id_idx;
