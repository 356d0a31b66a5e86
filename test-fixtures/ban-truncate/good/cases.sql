SET lock_timeout = '2s';
CREATE TABLE staging_rows (line text);
TRUNCATE staging_rows;
DELETE FROM sessions WHERE expires_at < now() - interval '30 days';
SELECT count(*) FROM sessions;
