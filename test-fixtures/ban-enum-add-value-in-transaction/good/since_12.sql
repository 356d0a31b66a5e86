-- fixture: pg-version=12
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
ALTER TYPE order_status ADD VALUE 'disputed';
ALTER TYPE mood ADD VALUE 'meh';
COMMIT;
