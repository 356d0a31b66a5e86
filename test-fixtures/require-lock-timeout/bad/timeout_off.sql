SET lock_timeout = 0;  -- expect: ban-high-lock-timeout@1
CREATE TABLE audit (id bigint);
ALTER TABLE audit ADD COLUMN at timestamptz;
CREATE TRIGGER accounts_audit AFTER UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION audit_row();  -- expect: require-lock-timeout@1 "SHARE ROW EXCLUSIVE", ban-trigger-change-on-existing-table@1
