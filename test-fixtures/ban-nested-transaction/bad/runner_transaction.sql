-- fixture: assume-in-transaction
SET lock_timeout = '2s';
BEGIN;  -- expect: ban-nested-transaction@1 "runner already wraps"
ALTER TABLE accounts ADD COLUMN note text;
COMMIT;
START TRANSACTION;  -- expect: ban-nested-transaction@1
COMMIT;
