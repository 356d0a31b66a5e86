-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, deleted_at timestamptz);
INSERT INTO users SELECT g, 'first ' || g, 'last ' || g, CASE WHEN g % 10 = 0 THEN now() END
FROM generate_series(1, 100) g;
