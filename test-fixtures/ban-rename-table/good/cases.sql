SET lock_timeout = '2s';
CREATE TABLE staging_users (id bigint);
ALTER TABLE staging_users RENAME TO new_users;
ALTER INDEX users_pkey RENAME TO accounts_pkey;
ALTER SEQUENCE users_id_seq RENAME TO accounts_id_seq;
