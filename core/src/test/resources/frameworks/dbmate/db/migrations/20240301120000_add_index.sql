-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx ON orders (created_at);

-- migrate:down
DROP INDEX orders_created_idx;
