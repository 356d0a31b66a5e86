DO $body$
BEGIN
  CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);  -- expect: ban-concurrently-in-transaction@3 "cannot run inside a DO block"
END
$body$ LANGUAGE plpgsql;
