--liquibase formatted sql

--changeset ana:1
CREATE FUNCTION order_tier(total numeric) RETURNS text LANGUAGE plpgsql AS $$  -- expect: ban-tool-split-statement@1 "inside its dollar-quoted body"
BEGIN
  IF total > 1000 THEN
    RETURN 'gold';
  END IF;
  RETURN 'standard';
END
$$;
