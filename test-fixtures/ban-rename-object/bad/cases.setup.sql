-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest).
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, state mood NOT NULL DEFAULT 'happy');
INSERT INTO accounts SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
CREATE VIEW active_accounts AS SELECT id, email FROM accounts WHERE state = 'happy';
CREATE MATERIALIZED VIEW account_counts AS SELECT state, count(*) AS n FROM accounts GROUP BY state;
CREATE SCHEMA reporting;
CREATE VIEW reporting."Daily" AS SELECT id FROM accounts;
CREATE SCHEMA legacy;
CREATE FUNCTION account_email(bigint) RETURNS text LANGUAGE sql AS 'SELECT email FROM accounts WHERE id = $1';
CREATE PROCEDURE legacy.purge() LANGUAGE sql AS 'SELECT 1';
CREATE SCHEMA archive;
