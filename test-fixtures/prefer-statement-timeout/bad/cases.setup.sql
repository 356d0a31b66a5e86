-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, state text NOT NULL);
INSERT INTO orders SELECT g, g % 10, 'new' FROM generate_series(1, 100) g;
