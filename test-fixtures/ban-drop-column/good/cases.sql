SET lock_timeout = '2s';
CREATE TABLE imports (id bigint, raw text, tmp text);
ALTER TABLE imports DROP COLUMN tmp;
ALTER TABLE users DROP CONSTRAINT users_legacy_check;
ALTER TYPE address DROP ATTRIBUTE line3;
