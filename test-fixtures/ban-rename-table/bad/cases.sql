SET lock_timeout = '2s';
ALTER TABLE accounts RENAME TO users;  -- expect: ban-rename-table@1 "accounts to users"
ALTER TABLE IF EXISTS billing.invoice RENAME TO invoices;  -- expect: ban-rename-table@1 "billing.invoices"
ALTER TABLE "LegacyOrders" RENAME TO orders_archive;  -- expect: ban-rename-table@1
