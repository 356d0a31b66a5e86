-- migrate:up transaction:false
REINDEX INDEX CONCURRENTLY index_users_on_email;
REINDEX TABLE CONCURRENTLY users;
REINDEX (VERBOSE, CONCURRENTLY) INDEX index_users_on_lower_email;
-- System catalogs cannot be reindexed concurrently at all.
REINDEX SYSTEM app_db;
