SET lock_timeout = '2s';
-- Migrations often hide DDL in a DO block to make it conditional.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_user_idx') THEN
    CREATE INDEX orders_user_idx ON orders (user_id);  -- expect: require-concurrent-index@5 "SHARE lock"
  END IF;
END
$$;
