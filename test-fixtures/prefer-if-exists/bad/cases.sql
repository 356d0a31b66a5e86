-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id);  -- expect: prefer-if-exists@1 "retry fails"
DROP INDEX CONCURRENTLY orders_legacy_idx;  -- expect: prefer-if-exists@1
CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);  -- expect: prefer-if-exists@1
