CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);  -- expect: ban-concurrently-in-transaction@1
