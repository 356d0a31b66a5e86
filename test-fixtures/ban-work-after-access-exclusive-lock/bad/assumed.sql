-- fixture: assume-in-transaction
SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN bio text;
ALTER TABLE users ADD COLUMN avatar_url text;  -- expect: ban-work-after-access-exclusive-lock@1 "users"
