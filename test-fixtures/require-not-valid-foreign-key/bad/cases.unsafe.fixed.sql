SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;  -- expect: require-not-valid-foreign-key@1 "users"
ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_shop_id_fkey;  -- expect: require-not-valid-foreign-key@1 "orders_shop_id_fkey"
ALTER TABLE orders ADD COLUMN plan_id bigint DEFAULT 1 REFERENCES plans (id);  -- expect: require-not-valid-foreign-key@1 "orders_plan_id_fkey"
