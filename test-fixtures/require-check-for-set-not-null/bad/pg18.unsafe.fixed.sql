SET lock_timeout = '2s';
ALTER TABLE public.users ADD CONSTRAINT "users_Email_not_null" NOT NULL "Email" NOT VALID;
ALTER TABLE public.users VALIDATE CONSTRAINT "users_Email_not_null";  -- expect: require-check-for-set-not-null@1 "scans the whole table"
