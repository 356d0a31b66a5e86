SET lock_timeout = '2s';
-- Replaced by the composite index built last release.
DROP INDEX index_orders_on_user_id;  -- expect: require-concurrent-drop-index@1 "ACCESS EXCLUSIVE"
DROP INDEX IF EXISTS public.index_orders_on_state;  -- expect: require-concurrent-drop-index@1
-- Two indexes, or CASCADE: CONCURRENTLY cannot do either, so no automatic fix.
DROP INDEX idx_a, idx_b;  -- expect: require-concurrent-drop-index@1 "idx_a, idx_b"
DROP INDEX idx_c CASCADE;  -- expect: require-concurrent-drop-index@1
