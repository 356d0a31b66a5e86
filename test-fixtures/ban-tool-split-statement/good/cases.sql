--liquibase formatted sql

--changeset ana:1
DO $$
BEGIN
  PERFORM 1;
  RAISE NOTICE 'a ; in a string, -- and a comment; are one token';
END
$$;

--changeset ana:2 splitStatements:false
CREATE FUNCTION order_tier(total numeric) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  IF total > 1000 THEN
    RETURN 'gold';
  END IF;
  RETURN 'standard';
END
$$;

--changeset ana:3 endDelimiter:/
CREATE FUNCTION order_rank(total numeric) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  IF total > 1000 THEN
    RETURN 1;
  END IF;
  RETURN 2;
END
$$;
/
SELECT 'x; y' AS "a;b";
