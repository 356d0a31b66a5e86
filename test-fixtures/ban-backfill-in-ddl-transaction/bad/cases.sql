BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD COLUMN display_name text;
UPDATE users SET display_name = first_name || ' ' || last_name WHERE display_name IS NULL;  -- expect: ban-backfill-in-ddl-transaction@1 "line 3", ban-work-after-access-exclusive-lock@1
DELETE FROM users WHERE deleted_at IS NOT NULL;  -- expect: ban-backfill-in-ddl-transaction@1
COMMIT;
