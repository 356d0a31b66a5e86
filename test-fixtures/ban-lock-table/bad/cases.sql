BEGIN;
SET LOCAL lock_timeout = '2s';
LOCK TABLE accounts;  -- expect: ban-lock-table@1 "ACCESS EXCLUSIVE"
LOCK TABLE orders IN SHARE MODE;  -- expect: ban-lock-table@1 "blocks writes", ban-work-after-access-exclusive-lock@1
LOCK payments IN EXCLUSIVE MODE NOWAIT;  -- expect: ban-lock-table@1
COMMIT;
