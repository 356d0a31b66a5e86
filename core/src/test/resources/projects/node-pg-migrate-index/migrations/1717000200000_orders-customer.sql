-- Up Migration
ALTER TABLE orders ADD COLUMN customer_note text;

-- Down Migration
ALTER TABLE orders DROP COLUMN customer_note;
