SET lock_timeout = '2s';
BEGIN;
ALTER TABLE users ADD COLUMN display_name text;
COMMIT;
UPDATE users SET display_name = first_name WHERE display_name IS NULL AND id < 10000;
BEGIN;
UPDATE orders SET archived = true WHERE created_at < '2020-01-01';
ALTER TABLE users ADD COLUMN nickname text;
COMMIT;
