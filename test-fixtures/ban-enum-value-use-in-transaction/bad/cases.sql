BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TYPE order_status ADD VALUE 'refunded';
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;  -- expect: ban-enum-value-use-in-transaction@1 "'refunded'"
INSERT INTO order_status_labels (status, label) VALUES ('refunded', 'Refunded');  -- expect: ban-enum-value-use-in-transaction@1
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'refunded';  -- expect: ban-enum-value-use-in-transaction@1
COMMIT;
