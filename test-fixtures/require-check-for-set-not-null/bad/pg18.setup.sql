-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
-- fixed output requires: PostgreSQL 18 (NOT NULL ... NOT VALID)
CREATE TABLE public.users (id bigint PRIMARY KEY, "Email" text);
INSERT INTO public.users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
