DROP DATABASE analytics_tmp;  -- expect: ban-drop-database@1 "analytics_tmp"
DROP DATABASE IF EXISTS "Old Reports";  -- expect: ban-drop-database@1
DROP DATABASE scratch WITH (FORCE);  -- expect: ban-drop-database@1
