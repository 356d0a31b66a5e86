SET lock_timeout = '2s';
REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;  -- expect: require-concurrent-refresh@1 "ACCESS EXCLUSIVE"
REFRESH MATERIALIZED VIEW CONCURRENTLY reporting.daily_revenue WITH DATA;  -- expect: require-concurrent-refresh@1 "reporting.daily_revenue"
refresh materialized view CONCURRENTLY "TopCustomers";  -- expect: require-concurrent-refresh@1
