--liquibase formatted sql

--changeset ana:1
CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);
CREATE FUNCTION log_note(n text) RETURNS bigint LANGUAGE sql AS $fn$  -- expect: ban-tool-split-statement@1 "line 6, inside"
  INSERT INTO audit_log VALUES (1, n);
  SELECT 1::bigint;
$fn$;
