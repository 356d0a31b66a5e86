SET lock_timeout = '2s';
ALTER TABLE events SET ACCESS METHOD heap2;  -- expect: ban-set-access-method@1 "rewrites events"
ALTER TABLE IF EXISTS archive."Logs" SET ACCESS METHOD heap;  -- expect: ban-set-access-method@1 "Logs"
ALTER TABLE metrics SET ACCESS METHOD heap2, SET (fillfactor = 90);  -- expect: ban-set-access-method@1 "heap2"
