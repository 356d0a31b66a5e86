-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);

-- migrate:down
DROP INDEX orders_created_idx;
