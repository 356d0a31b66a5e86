SET lock_timeout = '2s';
/* lockstep-ignore require-concurent-index -- typo in the rule id */  -- expect: invalid-suppression@1 "did you mean 'require-concurrent-index'"
CREATE INDEX orders_user_idx ON orders (user_id);  -- expect: require-concurrent-index@1
/* lockstep-ignore ban-drop-column */  -- expect: invalid-suppression@1 "gives no reason"
ALTER TABLE orders DROP COLUMN legacy;  -- expect: ban-drop-column@1
/* lockstep-ignore -- forgot the rule */  -- expect: invalid-suppression@1 "names no rule"
ALTER TABLE orders DROP COLUMN legacy_two;  -- expect: ban-drop-column@1
