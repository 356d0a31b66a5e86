-- migrate:up
BEGIN;
SET LOCAL lock_timeout = '3s';
CREATE UNIQUE INDEX users_lower_email_key
    ON users (lower(email));
COMMIT;

-- migrate:down
DROP INDEX users_lower_email_key;
