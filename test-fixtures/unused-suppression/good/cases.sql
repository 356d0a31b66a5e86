SET lock_timeout = '2s';
-- lockstep-ignore require-concurrent-index -- orders_archive has 300 rows
CREATE INDEX orders_archive_user_idx ON orders_archive (user_id);
-- lockstep-ignore-file ban-drop-column -- columns unused since release 4.0
ALTER TABLE orders DROP COLUMN legacy_a;
ALTER TABLE orders DROP COLUMN legacy_b;
-- A rule that is off needs no suppression; a statement suppression:
-- lockstep-ignore ban-rename-column -- internal table, service stopped
ALTER TABLE jobs RENAME COLUMN state TO status;
-- lockstep-ignore require-check-for-set-not-null, ban-drop-column -- jobs has 40 rows; several ids at once
ALTER TABLE jobs ALTER COLUMN owner SET NOT NULL, DROP COLUMN legacy_owner;
