SET lock_timeout = '2s';
DROP TABLE legacy_sessions;  -- expect: ban-drop-table@1 "legacy_sessions"
DROP TABLE IF EXISTS public.old_orders, audit_2019 CASCADE;  -- expect: ban-drop-table@1 "public.old_orders", ban-drop-table@1 "audit_2019"
