BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN note text;
COMMIT;
START TRANSACTION;  -- expect: ban-uncommitted-transaction@1
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN memo text;
