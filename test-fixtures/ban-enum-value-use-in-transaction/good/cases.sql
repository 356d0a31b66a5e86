BEGIN;
SET LOCAL lock_timeout = '2s';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';
COMMIT;
BEGIN;
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;
COMMIT;
-- Autocommit: the ADD VALUE is committed before the next statement.
ALTER TYPE order_status ADD VALUE 'archived';
INSERT INTO order_status_labels (status, label) VALUES ('archived', 'Archived');
