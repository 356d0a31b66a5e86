-- fixture: pg-version=16
SET lock_timeout = '2s';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- expect: require-check-for-set-not-null@1
