-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE TABLE events (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2021 (id bigint, at date NOT NULL);
CREATE TABLE events_2022 (id bigint, at date NOT NULL);
CREATE TABLE logs (id bigint, region text NOT NULL) PARTITION BY LIST (region);
CREATE TABLE logs_eu (id bigint, region text NOT NULL);
CREATE TABLE accounts (id bigint NOT NULL) PARTITION BY HASH (id);
CREATE TABLE accounts_p0 (id bigint NOT NULL);
INSERT INTO events_2021 SELECT g, date '2021-01-01' + g FROM generate_series(1, 100) g;
INSERT INTO events_2022 SELECT g, date '2022-01-01' + g FROM generate_series(1, 100) g;
INSERT INTO logs_eu SELECT g, 'eu' FROM generate_series(1, 100) g;
INSERT INTO accounts_p0 SELECT g * 4 FROM generate_series(1, 100) g WHERE satisfies_hash_partition('accounts'::regclass, 4, 0, (g * 4)::bigint);
