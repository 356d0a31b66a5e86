SET lock_timeout = '2s';
CREATE TABLE drafts (id bigint NOT NULL, body text NOT NULL);
ALTER TABLE drafts ALTER COLUMN body DROP NOT NULL;
ALTER TABLE users ALTER COLUMN email DROP DEFAULT;
ALTER TABLE users ALTER COLUMN nickname SET DEFAULT 'anonymous';
