SET lock_timeout = '2s';
-- lockstep-ignore require-concurrent-index -- orders_archive has 300 rows
CREATE INDEX orders_archive_user_idx ON orders_archive (user_id);
-- lockstep-ignored is just a word in a comment, not a suppression
-- lockstep-ignore-file ban-drop-column -- columns unused since release 4.0
ALTER TABLE orders DROP COLUMN legacy;
