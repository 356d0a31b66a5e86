-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_idx ON accounts (email);  -- expect: ban-concurrent-index-if-not-exists@1 "INVALID index accounts_email_idx"
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS invoices_number_key ON billing.invoices (number);  -- expect: ban-concurrent-index-if-not-exists@1 "billing.invoices_number_key"
create index concurrently if not exists "Accounts_Tenant" on accounts using btree (tenant_id);  -- expect: ban-concurrent-index-if-not-exists@1 "Accounts_Tenant"
