-- migrate:up transaction:false
DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
CREATE INDEX CONCURRENTLY IF NOT EXISTS drafts_body_idx ON drafts (body);
CREATE INDEX CONCURRENTLY accounts_tenant_idx ON accounts (tenant_id);
