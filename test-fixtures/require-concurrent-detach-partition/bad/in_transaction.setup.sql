-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE logs (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE logs_2021 PARTITION OF logs FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
INSERT INTO logs SELECT g, date '2021-01-01' + g FROM generate_series(1, 100) g;
