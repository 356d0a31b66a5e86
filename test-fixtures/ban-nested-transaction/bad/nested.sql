BEGIN;
SET LOCAL lock_timeout = '2s';
BEGIN;  -- expect: ban-nested-transaction@1 "already a transaction in progress"
ALTER TABLE accounts ADD COLUMN note text;
COMMIT;
