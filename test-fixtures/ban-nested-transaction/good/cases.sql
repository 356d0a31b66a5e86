BEGIN;
SET LOCAL lock_timeout = '2s';
SAVEPOINT before_note;
ALTER TABLE accounts ADD COLUMN note text;
RELEASE SAVEPOINT before_note;
COMMIT;
BEGIN;
COMMIT;
