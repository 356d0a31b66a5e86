DROP SCHEMA legacy CASCADE;  -- expect: ban-drop-schema@1 "CASCADE"
DROP SCHEMA IF EXISTS staging;  -- expect: ban-drop-schema@1
DROP SCHEMA a, b;  -- expect: ban-drop-schema@1 "DROP SCHEMA a", ban-drop-schema@1 "DROP SCHEMA b"
