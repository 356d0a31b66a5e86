-- fixture: pg-version=11
SET lock_timeout = '2s';
REINDEX INDEX index_users_on_email;  -- expect: require-concurrent-reindex@1
