SET lock_timeout = '2s';
ALTER TABLE users RENAME COLUMN email TO email_address;  -- expect: ban-rename-column@1 "users.email to email_address"
ALTER TABLE public.orders RENAME total TO total_cents;  -- expect: ban-rename-column@1
ALTER TABLE ONLY "Accounts" RENAME COLUMN "Name" TO display_name;  -- expect: ban-rename-column@1 "to display_name"
