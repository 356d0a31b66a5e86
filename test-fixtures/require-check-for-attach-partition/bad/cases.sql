SET lock_timeout = '2s';
ALTER TABLE events ATTACH PARTITION events_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');  -- expect: require-check-for-attach-partition@1 "scans all of events_2021"
ALTER TABLE logs ATTACH PARTITION logs_eu FOR VALUES IN ('eu', 'uk');  -- expect: require-check-for-attach-partition@1
ALTER TABLE accounts ATTACH PARTITION accounts_p0 FOR VALUES WITH (MODULUS 4, REMAINDER 0);  -- expect: require-check-for-attach-partition@1
-- A NOT VALID check proves nothing until validated.
ALTER TABLE events_2022 ADD CONSTRAINT events_2022_bound CHECK (at >= '2022-01-01' AND at < '2023-01-01') NOT VALID;
ALTER TABLE events ATTACH PARTITION events_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');  -- expect: require-check-for-attach-partition@1
