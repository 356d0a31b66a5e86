SET lock_timeout = '5min';  -- expect: ban-high-lock-timeout@1 "longer than 10000 ms"
SET LOCAL lock_timeout TO 60000;  -- expect: ban-high-lock-timeout@1
SET lock_timeout = 0;  -- expect: ban-high-lock-timeout@1 "turns the timeout off"
