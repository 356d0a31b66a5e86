-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TABLE users (id bigint PRIMARY KEY, newsletter_opt_in boolean NOT NULL DEFAULT true);
CREATE TABLE sessions (id bigint PRIMARY KEY, user_id bigint NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric NOT NULL, total_cents bigint);
INSERT INTO users SELECT g FROM generate_series(1, 100) g;
INSERT INTO sessions SELECT g, g FROM generate_series(1, 100) g;
INSERT INTO orders SELECT g, g FROM generate_series(1, 100) g;
