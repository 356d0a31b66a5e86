-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE public.users (id bigint PRIMARY KEY, email text);
CREATE INDEX index_users_on_email ON users (email);
CREATE INDEX index_users_on_lower_email ON users (lower(email));
CREATE SCHEMA app;
CREATE TABLE app.settings (id bigint PRIMARY KEY, value text);
INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 100) g;
