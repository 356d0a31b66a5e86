SET lock_timeout = '2s';
ALTER TABLE products ALTER COLUMN price_with_tax SET EXPRESSION AS (price * 1.2);  -- expect: ban-blocking-table-rewrite@1 "SET EXPRESSION recomputes column price_with_tax"
ALTER TABLE IF EXISTS shop."Line Items" ALTER total SET EXPRESSION AS (qty * unit_price * 0.9);  -- expect: ban-blocking-table-rewrite@1 "Line Items"
ALTER TABLE orders ALTER COLUMN label SET EXPRESSION AS ('(' || code || ')'), ALTER COLUMN code SET STATISTICS 100;  -- expect: ban-blocking-table-rewrite@1 "column label"
