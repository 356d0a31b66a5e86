SET lock_timeout = '2s';  -- expect: ban-high-lock-timeout@1 "longer than 10000 ms"
SET LOCAL lock_timeout TO '2s';  -- expect: ban-high-lock-timeout@1
SET lock_timeout = '2s';  -- expect: ban-high-lock-timeout@1 "turns the timeout off"
