SET lock_timeout = '2s';
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0) NOT VALID;
ALTER DOMAIN positive_int VALIDATE CONSTRAINT positive_int_check;
ALTER DOMAIN email DROP CONSTRAINT IF EXISTS email_format;
CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^\d{5}$');
