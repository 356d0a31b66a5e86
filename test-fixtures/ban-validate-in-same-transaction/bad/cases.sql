BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TABLE accounts ADD CONSTRAINT balance_nonneg CHECK (balance >= 0) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_nonneg;  -- expect: ban-validate-in-same-transaction@1 "ACCESS EXCLUSIVE", ban-work-after-access-exclusive-lock@1
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;  -- expect: ban-validate-in-same-transaction@1 "SHARE ROW EXCLUSIVE"
COMMIT;
