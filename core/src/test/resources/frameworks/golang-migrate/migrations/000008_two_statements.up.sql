SET lock_timeout = '2s';
-- Several statements in one Exec run as one implicit transaction.
CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);  -- expect: ban-concurrently-in-transaction@1
