SET lock_timeout = '2s';
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;  -- expect: prefer-statement-timeout@1 "VALIDATE CONSTRAINT"
