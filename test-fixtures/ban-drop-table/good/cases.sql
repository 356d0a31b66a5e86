SET lock_timeout = '2s';
CREATE TABLE tmp_import (line text);
DROP TABLE tmp_import;
DROP VIEW IF EXISTS legacy_orders_view;
DROP SEQUENCE IF EXISTS legacy_seq;
