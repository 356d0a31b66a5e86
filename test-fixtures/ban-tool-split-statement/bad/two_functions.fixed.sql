--liquibase formatted sql

--changeset ana:1 splitStatements:false
CREATE FUNCTION order_tier(total numeric) RETURNS text LANGUAGE plpgsql AS $$  -- expect: ban-tool-split-statement@1 "at line 8"
BEGIN
  IF total > 1000 THEN
    RETURN 'gold';
  END IF;
  RETURN 'standard';
END
$$;
CREATE FUNCTION order_rank(total numeric) RETURNS int LANGUAGE plpgsql AS $$  -- expect: ban-tool-split-statement@1 "at line 16"
BEGIN
  WHILE total > 10 LOOP
    total := total / 10;
  END LOOP;
  RETURN total::int;
END
$$;
