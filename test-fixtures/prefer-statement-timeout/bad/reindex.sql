REINDEX INDEX CONCURRENTLY orders_pkey;  -- expect: prefer-statement-timeout@1 "REINDEX CONCURRENTLY"
