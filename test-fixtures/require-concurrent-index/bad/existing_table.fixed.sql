SET lock_timeout = '2s';

-- Speed up the "orders of a user" page.
CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);  -- expect: require-concurrent-index@1 "SHARE lock"
