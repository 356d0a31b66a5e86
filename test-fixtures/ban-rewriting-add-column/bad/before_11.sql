-- fixture: pg-version=10
SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;  -- expect: ban-rewriting-add-column@1 "before PostgreSQL 11"
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL;
