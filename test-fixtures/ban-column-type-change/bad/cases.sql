SET lock_timeout = '2s';
ALTER TABLE accounts ALTER COLUMN balance TYPE bigint;  -- expect: ban-column-type-change@1 "TYPE bigint"
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(50);  -- expect: ban-column-type-change@1 "unless it only widens"
ALTER TABLE events ALTER COLUMN created_at TYPE timestamptz;  -- expect: ban-column-type-change@1 "TimeZone"
ALTER TABLE accounts ALTER COLUMN amount SET DATA TYPE numeric(12, 2) USING amount::numeric(12, 2);  -- expect: ban-column-type-change@1 "numeric(12, 2)"
