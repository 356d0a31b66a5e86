-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE events (id bigint, created_at date NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE logs (id bigint, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE logs_us PARTITION OF logs FOR VALUES IN ('us');
INSERT INTO events SELECT g, date '2024-01-01' + g FROM generate_series(1, 100) g;
INSERT INTO logs SELECT g, 'us' FROM generate_series(1, 100) g;
