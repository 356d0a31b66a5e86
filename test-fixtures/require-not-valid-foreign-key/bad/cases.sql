SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);  -- expect: require-not-valid-foreign-key@1 "users"
ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE;  -- expect: require-not-valid-foreign-key@1 "orders_shop_id_fkey"
ALTER TABLE orders ADD COLUMN plan_id bigint DEFAULT 1 REFERENCES plans (id);  -- expect: require-not-valid-foreign-key@1 "orders_plan_id_fkey"
-- two foreign keys in one statement: the second clause ends the statement, so its fix waits for the next pass
ALTER TABLE tenants ADD CONSTRAINT tenants_controller_fk FOREIGN KEY (controller_id) REFERENCES controllers (id), ADD CONSTRAINT tenants_worker_fk FOREIGN KEY (worker_id) REFERENCES workers (id);  -- expect: require-not-valid-foreign-key@1 "tenants_controller_fk", require-not-valid-foreign-key@1 "tenants_worker_fk"
