CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_tier_idx ON customers (tier);
