SET statement_timeout = '30min';
SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE orders ADD COLUMN note text;
