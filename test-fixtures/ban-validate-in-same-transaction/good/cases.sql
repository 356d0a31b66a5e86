SET lock_timeout = '2s';
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_nonneg;
COMMIT;
-- Autocommit: each statement is its own transaction.
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE users VALIDATE CONSTRAINT constraint_added_by_an_earlier_migration;
