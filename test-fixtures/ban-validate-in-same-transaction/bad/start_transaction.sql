START TRANSACTION;
SET LOCAL lock_timeout = '2s';
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID,
  ADD CONSTRAINT users_age_ok CHECK (age >= 0) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_age_ok;  -- expect: ban-validate-in-same-transaction@1, ban-work-after-access-exclusive-lock@1
END;
