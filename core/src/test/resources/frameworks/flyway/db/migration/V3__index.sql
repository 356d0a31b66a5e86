-- Flyway runs a script holding only CONCURRENTLY statements without a transaction, but keeps its own
-- lock in an open transaction (postgresql.transactional.lock), which the build waits for: it hangs.
CREATE INDEX CONCURRENTLY customers_tier_idx ON customers (tier);  -- expect: ban-concurrently-in-transaction@3
