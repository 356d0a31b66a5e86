-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY);
INSERT INTO orders SELECT g FROM generate_series(1, 100) g;
