-- fixture: assume-in-transaction
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN total_cents bigint;
UPDATE orders SET total_cents = total * 100 WHERE total_cents IS NULL;  -- expect: ban-backfill-in-ddl-transaction@1, ban-work-after-access-exclusive-lock@1
