SET lock_timeout = '2s';
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0);  -- expect: ban-alter-domain-add-constraint@1 "positive_int"
ALTER DOMAIN public.email ADD CONSTRAINT email_format CHECK (VALUE ~ '@');  -- expect: ban-alter-domain-add-constraint@1 "public.email"
ALTER DOMAIN us_zip ADD CHECK (VALUE ~ '^\d{5}$');  -- expect: ban-alter-domain-add-constraint@1
