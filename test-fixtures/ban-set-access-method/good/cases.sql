SET lock_timeout = '2s';
CREATE TABLE staging_events (id bigint PRIMARY KEY, payload text) USING heap2;
CREATE TABLE imports (id bigint PRIMARY KEY, payload text);
ALTER TABLE imports SET ACCESS METHOD heap2;
CREATE TABLE measurements (at date NOT NULL, value float8) PARTITION BY RANGE (at);
ALTER TABLE measurements SET ACCESS METHOD heap2;
