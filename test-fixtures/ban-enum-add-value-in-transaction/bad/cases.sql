-- fixture: pg-version=11
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';  -- expect: ban-enum-add-value-in-transaction@1 "PostgreSQL 11"
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'disputed' AFTER 'paid';  -- expect: ban-enum-add-value-in-transaction@1
ALTER TYPE public.mood ADD VALUE 'meh' BEFORE 'sad';  -- expect: ban-enum-add-value-in-transaction@1
COMMIT;
