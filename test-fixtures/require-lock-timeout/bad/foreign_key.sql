BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;  -- expect: require-lock-timeout@1 "SHARE ROW EXCLUSIVE lock on orders"
COMMIT;
BEGIN;
SET LOCAL lock_timeout = '1s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
COMMIT;
