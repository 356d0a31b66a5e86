SET lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_nonneg;
CREATE TABLE ledger (id bigint, amount numeric);
ALTER TABLE ledger ADD CONSTRAINT amount_positive CHECK (amount > 0);
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS old_check;
