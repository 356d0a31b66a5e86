-- Schema the fixture runs against on PostgreSQL (BehaviourClaimsOnPostgresTest).
CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
