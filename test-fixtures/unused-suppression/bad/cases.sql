SET lock_timeout = '2s';
/* lockstep-ignore require-concurrent-index -- built concurrently below anyway */  -- expect: unused-suppression@1 "require-concurrent-index suppresses nothing"
CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);
/* lockstep-ignore-file ban-drop-table -- no table is dropped here */  -- expect: unused-suppression@1 "in this file"
ALTER TABLE orders ADD COLUMN note text;
/* lockstep-ignore ban-rename-column, require-concurrent-index -- only the index needs it */  -- expect: unused-suppression@1 "ban-rename-column suppresses nothing"
CREATE INDEX orders_note_idx ON orders (note);
SELECT 1; /* lockstep-ignore ban-drop-column -- trailing: not before a statement */  -- expect: unused-suppression@11 "not on the lines right before"
ALTER TABLE orders DROP COLUMN legacy;  -- expect: ban-drop-column@1
