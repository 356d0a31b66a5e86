SET lock_timeout = '2s';
ALTER TABLE events DETACH PARTITION events_2019 CONCURRENTLY;  -- expect: require-concurrent-detach-partition@1 "ACCESS EXCLUSIVE lock on the parent events"
ALTER TABLE IF EXISTS public.measurements DETACH PARTITION public.measurements_y2020 CONCURRENTLY;  -- expect: require-concurrent-detach-partition@1
