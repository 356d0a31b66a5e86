-- Schema the fixture runs against on PostgreSQL (FailureClaimsOnPostgresTest).
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);
