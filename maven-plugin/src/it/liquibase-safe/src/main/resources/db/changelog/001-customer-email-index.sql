--liquibase formatted sql

--changeset ana:1 runInTransaction:false
SET lock_timeout = '2s';
DROP INDEX CONCURRENTLY IF EXISTS customers_email_idx;
CREATE INDEX CONCURRENTLY customers_email_idx ON customers (email);
--rollback DROP INDEX CONCURRENTLY IF EXISTS customers_email_idx;
