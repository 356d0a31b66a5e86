SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
-- A new nullable column has nothing to check.
ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint);
ALTER TABLE order_notes ADD CONSTRAINT order_notes_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
