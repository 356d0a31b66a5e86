SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN legacy_password_hash;  -- expect: ban-drop-column@1 "users.legacy_password_hash"
ALTER TABLE public.orders DROP COLUMN IF EXISTS coupon_code CASCADE;  -- expect: ban-drop-column@1
ALTER TABLE users DROP COLUMN a, DROP COLUMN b;  -- expect: ban-drop-column@1 "users.a", ban-drop-column@1 "users.b"
