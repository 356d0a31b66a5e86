-- Schema the fixture runs against on PostgreSQL (LockFactsOnPostgresTest, FixedFixturesRunOnPostgresTest).
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE orders (id bigint PRIMARY KEY);
CREATE TABLE public.payments (id bigint PRIMARY KEY);
CREATE TRIGGER payments_audit AFTER UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TABLE line_items (id bigint PRIMARY KEY);
INSERT INTO orders SELECT generate_series(1, 100);
INSERT INTO payments SELECT generate_series(1, 100);
INSERT INTO line_items SELECT generate_series(1, 100);
