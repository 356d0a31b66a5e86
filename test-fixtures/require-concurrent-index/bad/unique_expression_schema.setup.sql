-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE public.users (id bigint PRIMARY KEY, email character varying);
CREATE TABLE "Ünïcode table" (id bigint PRIMARY KEY, naïve_column text);
INSERT INTO public.users SELECT g, 'User' || g || '@example.com' FROM generate_series(1, 100) g;
INSERT INTO "Ünïcode table" SELECT g, 'n' || g FROM generate_series(1, 100) g;
