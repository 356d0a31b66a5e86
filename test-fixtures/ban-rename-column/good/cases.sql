SET lock_timeout = '2s';
CREATE TABLE invoices (id bigint PRIMARY KEY, amt numeric);
-- The table is new: nothing reads it yet.
ALTER TABLE invoices RENAME COLUMN amt TO amount;
-- Renaming constraints, indexes and views does not touch stored data.
ALTER TABLE users RENAME CONSTRAINT users_email_check TO users_email_format;
ALTER INDEX index_users_on_email RENAME TO users_email_idx;
ALTER VIEW active_users RENAME COLUMN mail TO email;
