SET lock_timeout = '2s';
-- A constant string is parsed and checked at its place.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE orders ADD COLUMN note text';
END $$;

-- Static statements in a block are checked like any other.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'orders_archive') THEN
    CREATE TABLE orders_archive (LIKE orders);
  END IF;
END $$;

-- A function the migration only creates runs later, outside the migration: its body is not the migration's.
CREATE FUNCTION rebuild_stats(tbl text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ANALYZE %I', tbl);
END $$;
