BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN note text;
CREATE INDEX CONCURRENTLY x ON y (z);  -- expect: ban-work-after-access-exclusive-lock@1 "since line 3", ban-concurrently-in-transaction@1
COMMIT;
BEGIN;
ALTER TABLE orders RENAME COLUMN state TO status;  -- expect: ban-rename-column@1, require-lock-timeout@1 "no lock_timeout"
SELECT pg_sleep(1);  -- expect: ban-work-after-access-exclusive-lock@1 "orders"
INSERT INTO audit (what) VALUES ('renamed');
COMMIT;
BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts RENAME TO accounts_old;
CREATE TABLE accounts (id bigint);
INSERT INTO accounts SELECT id FROM accounts_old;  -- expect: ban-work-after-access-exclusive-lock@1 "since line 13"
COMMIT;
