SET lock_timeout = '2s';
ALTER TABLE customers ADD COLUMN tier text;
-- Flyway runs this file in one transaction: the lock of the ALTER is held during the UPDATE.
UPDATE customers SET tier = 'basic' WHERE tier IS NULL;  -- expect: ban-backfill-in-ddl-transaction@1, ban-work-after-access-exclusive-lock@1
