SET lock_timeout = '2s';
VACUUM FULL orders;  -- expect: ban-blocking-table-rewrite@1 "VACUUM FULL orders"
CLUSTER orders USING orders_created_at_idx;  -- expect: ban-blocking-table-rewrite@1 "CLUSTER orders"
ALTER TABLE events SET LOGGED;  -- expect: ban-blocking-table-rewrite@1 "SET LOGGED"
ALTER TABLE sessions SET UNLOGGED;  -- expect: ban-blocking-table-rewrite@1 "SET UNLOGGED"
ALTER TABLE attachments SET TABLESPACE fast_ssd;  -- expect: ban-blocking-table-rewrite@1 "SET TABLESPACE"
