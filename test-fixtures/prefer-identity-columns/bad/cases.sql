CREATE TABLE tags (id bigserial PRIMARY KEY, name text);  -- expect: prefer-identity-columns@20 "bigserial"
CREATE TABLE notes (id serial, body text);  -- expect: prefer-identity-columns@21
CREATE TABLE flags (id smallserial, code text);  -- expect: prefer-identity-columns@21 "smallserial"
