SET lock_timeout = '2s';
DO $$
BEGIN
  EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'orders');  -- expect: unchecked-dynamic-sql@3 "built when the block runs"
END $$;

DO $$
DECLARE
  t text;
BEGIN
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    execute 'ANALYZE ' || quote_ident(t);  -- expect: unchecked-dynamic-sql@5 "cannot check its locks"
  END LOOP;
END $$;

CREATE FUNCTION add_flag(tbl text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE NOTICE 'adding a flag to %', tbl;
  EXECUTE 'ALTER TABLE ' || tbl || ' ADD COLUMN flag boolean';  -- expect: unchecked-dynamic-sql@3
END $$;
SELECT add_flag('orders');

DO $$ BEGIN EXECUTE 'COMMENT ON TABLE orders IS ''customer orders'''; END $$;  -- expect: unchecked-dynamic-sql@13 "doubled or escaped quotes"
