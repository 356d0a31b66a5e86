SET lock_timeout = '2s';
REINDEX INDEX index_users_on_email;  -- expect: require-concurrent-reindex@1 "ACCESS EXCLUSIVE on the index"
REINDEX TABLE public.users;  -- expect: require-concurrent-reindex@1 "every index"
REINDEX (VERBOSE) INDEX index_users_on_lower_email;  -- expect: require-concurrent-reindex@1
REINDEX SCHEMA app;  -- expect: require-concurrent-reindex@1
