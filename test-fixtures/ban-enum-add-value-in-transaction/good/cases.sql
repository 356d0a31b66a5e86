-- fixture: pg-version=11
ALTER TYPE order_status ADD VALUE 'refunded';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'disputed';
BEGIN;
ALTER TYPE order_status RENAME VALUE 'disputed' TO 'contested';
COMMIT;
