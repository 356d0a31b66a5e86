SET lock_timeout = '2s';
ALTER PUBLICATION app_pub DROP TABLE invoices;  -- expect: ban-publication-change@1 "Taking tables out of publication app_pub"
ALTER PUBLICATION app_pub SET TABLE orders;  -- expect: ban-publication-change@1 "replaces its list of tables"
ALTER PUBLICATION analytics SET (publish = 'insert');  -- expect: ban-publication-change@1 "which operations"
DROP PUBLICATION IF EXISTS "Legacy";  -- expect: ban-publication-change@1 "Legacy"
