-- +goose NO TRANSACTION
SET lock_timeout = '2s';
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_id_uidx;
CREATE TABLE sessions (id uuid, token text);
ALTER TABLE sessions ADD PRIMARY KEY (id), ADD UNIQUE (token);
