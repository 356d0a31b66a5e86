-- CREATE INDEX idx_in_a_comment ON orders (user_id);
/* nested /* CREATE INDEX x ON y (z); */ still a comment; */
SELECT 'CREATE INDEX in_a_string ON orders (id);' AS text, E'it\'s; fine' AS escaped;
CREATE FUNCTION make_index() RETURNS text LANGUAGE sql AS $body$
  SELECT 'CREATE INDEX in_a_function_body ON orders (id)';
$body$;
SELECT 1 AS "CREATE INDEX x ON y; -- not an index";
