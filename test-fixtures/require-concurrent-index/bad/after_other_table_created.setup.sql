-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now());
CREATE SCHEMA archive;
CREATE TABLE archive.audit_log (id bigint PRIMARY KEY, payload jsonb);
INSERT INTO events (id) SELECT g FROM generate_series(1, 100) g;
INSERT INTO archive.audit_log SELECT g, '{}' FROM generate_series(1, 100) g;
