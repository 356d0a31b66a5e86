SET lock_timeout = '2s';
-- The recipe: the validated CHECK lets SET NOT NULL skip its scan.
ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
-- A table created in this migration has no rows and no traffic yet.
CREATE TABLE tags (id bigint, label text);
ALTER TABLE tags ALTER COLUMN label SET NOT NULL;
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT '';
