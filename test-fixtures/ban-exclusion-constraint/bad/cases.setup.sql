-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE bookings (id bigint PRIMARY KEY, room_id int, during tstzrange);
CREATE TABLE shifts (id bigint PRIMARY KEY, employee_id int, period tstzrange);
CREATE TABLE public.leases (id bigint PRIMARY KEY, unit_id int, active boolean);
INSERT INTO bookings SELECT g, g, tstzrange(now(), now() + interval '1 hour') FROM generate_series(1, 100) g;
INSERT INTO shifts SELECT g, g, tstzrange(now(), now() + interval '1 hour') FROM generate_series(1, 100) g;
INSERT INTO leases SELECT g, g, true FROM generate_series(1, 100) g;
