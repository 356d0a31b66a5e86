BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE logs DETACH PARTITION logs_2021;  -- expect: require-concurrent-detach-partition@1
COMMIT;
