SET lock_timeout = '2s';
TRUNCATE sessions;  -- expect: ban-truncate@1 "TRUNCATE sessions"
TRUNCATE TABLE accounts CASCADE;  -- expect: ban-truncate@1 "CASCADE"
TRUNCATE ONLY public.events RESTART IDENTITY;  -- expect: ban-truncate@1
