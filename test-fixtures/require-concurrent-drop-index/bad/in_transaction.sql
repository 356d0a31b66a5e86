BEGIN;
SET LOCAL lock_timeout = '2s';
DROP INDEX orders_created_at_idx;  -- expect: require-concurrent-drop-index@1
COMMIT;
