SET lock_timeout = '2s';
ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';  -- expect: ban-rename-object@1 "'sad' of mood"
ALTER VIEW active_accounts RENAME TO current_accounts;  -- expect: ban-rename-object@1 "view active_accounts"
ALTER MATERIALIZED VIEW account_counts RENAME TO account_totals;  -- expect: ban-rename-object@1 "materialized view account_counts"
ALTER VIEW IF EXISTS reporting."Daily" RENAME TO daily;  -- expect: ban-rename-object@1 "reporting.daily"
ALTER FUNCTION account_email(bigint) RENAME TO email_of_account;  -- expect: ban-rename-object@1 "account_email"
ALTER PROCEDURE legacy.purge RENAME TO purge_all;  -- expect: ban-rename-object@1 "legacy.purge_all"
ALTER SCHEMA legacy RENAME TO archive;  -- expect: ban-rename-object@1 "schema legacy"
