CREATE SCHEMA IF NOT EXISTS reporting;
ALTER SCHEMA reporting OWNER TO reporting_owner;
DROP VIEW IF EXISTS reporting.old_view;
