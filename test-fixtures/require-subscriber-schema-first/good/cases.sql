SET lock_timeout = '2s';
CREATE TABLE coupons (id bigint PRIMARY KEY, code text NOT NULL);
ALTER TABLE coupons ADD COLUMN expires_at timestamptz;
ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';
COMMENT ON TABLE orders IS 'customer orders';
