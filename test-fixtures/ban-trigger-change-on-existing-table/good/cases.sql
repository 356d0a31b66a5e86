SET lock_timeout = '2s';
CREATE TABLE invoices (id bigint, updated_at timestamptz);
CREATE TRIGGER invoices_touch BEFORE UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION touch();
DROP TRIGGER invoices_touch ON invoices;
CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
