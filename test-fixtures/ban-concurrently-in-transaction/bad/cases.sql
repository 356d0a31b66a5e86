BEGIN;
CREATE INDEX CONCURRENTLY idx_orders_user_id ON orders (user_id);  -- expect: ban-concurrently-in-transaction@1 "CREATE INDEX CONCURRENTLY"
DROP INDEX CONCURRENTLY idx_orders_legacy;  -- expect: ban-concurrently-in-transaction@1
REINDEX INDEX CONCURRENTLY idx_orders_state;  -- expect: ban-concurrently-in-transaction@1
ALTER TABLE events DETACH PARTITION events_2019 CONCURRENTLY;  -- expect: ban-concurrently-in-transaction@1 "DETACH CONCURRENTLY"
VACUUM ANALYZE orders;  -- expect: ban-concurrently-in-transaction@1 "VACUUM"
COMMIT;
