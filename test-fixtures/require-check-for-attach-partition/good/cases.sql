SET lock_timeout = '2s';
-- The recipe: a validated CHECK matching the bound lets ATTACH skip its scan.
ALTER TABLE events_2021 ADD CONSTRAINT events_2021_bound CHECK (at IS NOT NULL AND at >= '2021-01-01' AND at < '2022-01-01') NOT VALID;
ALTER TABLE events_2021 VALIDATE CONSTRAINT events_2021_bound;
ALTER TABLE events ATTACH PARTITION events_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
ALTER TABLE events_2021 DROP CONSTRAINT events_2021_bound;
CREATE TABLE logs_apac (LIKE logs INCLUDING ALL);
ALTER TABLE logs ATTACH PARTITION logs_apac FOR VALUES IN ('apac');
