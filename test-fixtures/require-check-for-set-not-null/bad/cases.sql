SET lock_timeout = '2s';
ALTER TABLE users ALTER COLUMN email SET NOT NULL;  -- expect: require-check-for-set-not-null@1 "users.email"
-- A NOT VALID check does not prove anything yet.
ALTER TABLE users ADD CONSTRAINT users_name_nn CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE users ALTER COLUMN name SET NOT NULL;  -- expect: require-check-for-set-not-null@1
ALTER TABLE public.orders ALTER COLUMN user_id SET NOT NULL, ALTER COLUMN total SET NOT NULL;  -- expect: require-check-for-set-not-null@1 "orders.user_id", require-check-for-set-not-null@1 "orders.total"
