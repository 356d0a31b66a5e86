BEGIN;  -- expect: ban-uncommitted-transaction@1 "never committed"
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN note text;
