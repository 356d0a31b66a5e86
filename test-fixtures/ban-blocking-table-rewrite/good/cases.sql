SET lock_timeout = '2s';
VACUUM (ANALYZE) orders;
ANALYZE orders;
CREATE UNLOGGED TABLE import_batch (line text);
ALTER TABLE import_batch SET LOGGED;
ALTER TABLE orders SET (fillfactor = 90);
