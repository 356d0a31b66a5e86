SET lock_timeout = '2s';
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');  -- expect: ban-create-partition-of@1 "ACCESS EXCLUSIVE lock on events"
CREATE TABLE IF NOT EXISTS logs_eu PARTITION OF logs FOR VALUES IN ('eu');  -- expect: ban-create-partition-of@1
CREATE TABLE logs_other PARTITION OF public.logs DEFAULT;  -- expect: ban-create-partition-of@1 "public.logs"
