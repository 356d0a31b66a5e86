SET lock_timeout = '2s';
ALTER TABLE public.users ALTER COLUMN "Email" SET NOT NULL;  -- expect: require-check-for-set-not-null@1 "scans the whole table"
