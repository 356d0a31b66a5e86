SET lock_timeout = '2s';
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;  -- expect: ban-drop-not-null@1 "users.email"
ALTER TABLE public.orders ALTER COLUMN shipped_at DROP NOT NULL, ALTER COLUMN total DROP NOT NULL;  -- expect: ban-drop-not-null@1 "shipped_at", ban-drop-not-null@1 "total"
