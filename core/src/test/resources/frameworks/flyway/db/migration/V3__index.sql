CREATE INDEX CONCURRENTLY customers_tier_idx ON customers (tier);
