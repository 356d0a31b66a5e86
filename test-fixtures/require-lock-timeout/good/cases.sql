SET lock_timeout = '2s';
SET statement_timeout = '15min';
ALTER TABLE accounts ADD COLUMN note text;
CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note);
