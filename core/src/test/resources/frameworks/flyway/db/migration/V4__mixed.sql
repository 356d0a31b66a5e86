SET lock_timeout = '2s';
-- Flyway refuses a script that mixes statements it runs outside a transaction with others (mixed=false).
CREATE INDEX CONCURRENTLY customers_name_idx ON customers (name);  -- expect: ban-concurrently-in-transaction@3
