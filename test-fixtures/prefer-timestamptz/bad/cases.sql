CREATE TABLE audit_log (
  created_at timestamp NOT NULL DEFAULT now(),  -- expect: prefer-timestamptz@3 "timestamp without time zone"
  processed_at timestamp without time zone  -- expect: prefer-timestamptz@3
);
SET lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN shipped_at timestamp(3);  -- expect: prefer-timestamptz@31 "orders.shipped_at"
