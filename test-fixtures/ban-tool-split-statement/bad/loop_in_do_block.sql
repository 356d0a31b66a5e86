--liquibase formatted sql

--changeset ana:1 runInTransaction:false
DO $$  -- expect: ban-tool-split-statement@1 "Unterminated dollar quote"
DECLARE
  i int;
BEGIN
  FOR i IN 1..3 LOOP
    RAISE NOTICE 'batch %', i;
  END LOOP;
END
$$;
