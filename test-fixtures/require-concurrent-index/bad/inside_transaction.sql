BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN last_login_at timestamptz;
-- CONCURRENTLY would fail here: the fix is shown, not applied.
CREATE INDEX accounts_last_login_at_idx ON accounts (last_login_at); -- expect: require-concurrent-index@1, ban-work-after-access-exclusive-lock@1
COMMIT;
