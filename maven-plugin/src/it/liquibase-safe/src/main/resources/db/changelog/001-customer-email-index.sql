--liquibase formatted sql

--changeset ana:1 runInTransaction:false
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_email_idx ON customers (email);
--rollback DROP INDEX CONCURRENTLY IF EXISTS customers_email_idx;
