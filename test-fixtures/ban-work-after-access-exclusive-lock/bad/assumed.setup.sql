-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
