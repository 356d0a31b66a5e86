CREATE TABLE products (
  id serial PRIMARY KEY,  -- expect: prefer-bigint-keys@3 "2,147,483,647"
  shop_id integer NOT NULL,  -- expect: prefer-bigint-keys@3 "products.shop_id"
  name text
);
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN product_id int;  -- expect: prefer-bigint-keys@31
