SET lock_timeout = '2s';
REINDEX INDEX CONCURRENTLY index_users_on_email;  -- expect: require-concurrent-reindex@1 "ACCESS EXCLUSIVE on the index"
REINDEX TABLE CONCURRENTLY public.users;  -- expect: require-concurrent-reindex@1 "every index"
REINDEX (VERBOSE) INDEX CONCURRENTLY index_users_on_lower_email;  -- expect: require-concurrent-reindex@1
REINDEX SCHEMA CONCURRENTLY app;  -- expect: require-concurrent-reindex@1
