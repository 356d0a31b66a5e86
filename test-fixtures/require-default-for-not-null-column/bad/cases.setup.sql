-- Schema the fixture runs against on PostgreSQL (FailureClaimsOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY);
CREATE TABLE public.orders (id bigint PRIMARY KEY);
CREATE TABLE regions (id bigint PRIMARY KEY);
INSERT INTO accounts SELECT generate_series(1, 10);
INSERT INTO orders SELECT generate_series(1, 10);
