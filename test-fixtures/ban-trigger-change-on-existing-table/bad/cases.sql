SET lock_timeout = '2s';
CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION audit_row();  -- expect: ban-trigger-change-on-existing-table@1 "SHARE ROW EXCLUSIVE"
CREATE OR REPLACE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION touch();  -- expect: ban-trigger-change-on-existing-table@1 "public.orders"
DROP TRIGGER IF EXISTS legacy_sync ON users;  -- expect: ban-trigger-change-on-existing-table@1 "ACCESS EXCLUSIVE"
