-- Schema the fixture runs against on PostgreSQL (RewritesRunOnPostgresTest, BehaviourClaimsOnPostgresTest).
CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, tenant_id bigint);
INSERT INTO accounts SELECT g, 'user' || g || '@example.com', g % 10 FROM generate_series(1, 100) g;
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, number text NOT NULL);
INSERT INTO billing.invoices SELECT g, 'INV-' || g FROM generate_series(1, 100) g;
