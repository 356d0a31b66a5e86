\connect shop
\set ON_ERROR_STOP on
CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
COPY countries (code, name) FROM stdin;
FR	France
CI	Côte d'Ivoire; data, not SQL
\.
CREATE INDEX countries_name_idx ON countries (name);
