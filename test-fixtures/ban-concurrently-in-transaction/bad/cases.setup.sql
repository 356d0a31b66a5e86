-- Schema the fixture runs against on PostgreSQL (FailureClaimsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, state text);
CREATE INDEX idx_orders_legacy ON orders (state);
CREATE INDEX idx_orders_state ON orders (state);
CREATE TABLE events (id bigint, created_at date NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2019 PARTITION OF events FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
