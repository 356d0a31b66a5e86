--liquibase formatted sql

--changeset ana:2-1
CREATE INDEX CONCURRENTLY customers_email_idx ON customers (email);  -- expect: ban-concurrently-in-transaction@1
--rollback DROP INDEX customers_email_idx;

--changeset ana:2-2 runInTransaction:false
CREATE INDEX CONCURRENTLY customers_name_idx ON customers (name);
--rollback DROP INDEX CONCURRENTLY customers_name_idx;

--changeset ana:2-3 endDelimiter:GO
SET lock_timeout = '2s'
GO
ALTER TABLE customers ADD COLUMN note text
GO
