SET lock_timeout = '2s';
ALTER TABLE accounts ADD COLUMN plan text NOT NULL DEFAULT 'free';
ALTER TABLE accounts ADD COLUMN notes text;
ALTER TABLE accounts ADD COLUMN archived boolean NOT NULL DEFAULT false;
CREATE TABLE regions (id bigint);
ALTER TABLE regions ADD COLUMN code text NOT NULL;
