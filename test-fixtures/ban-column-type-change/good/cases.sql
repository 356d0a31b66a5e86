SET lock_timeout = '2s';
CREATE TABLE drafts (id int, body varchar(100));
ALTER TABLE drafts ALTER COLUMN id TYPE bigint, ALTER COLUMN body TYPE text;
ALTER TABLE accounts ALTER COLUMN balance SET DEFAULT 0;
ALTER TABLE accounts ALTER COLUMN balance SET STATISTICS 500;
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'unhappy';
