ALTER TABLE orders ADD COLUMN total_cents bigint;
CREATE INDEX CONCURRENTLY orders_total_cents_idx ON orders (total_cents);
