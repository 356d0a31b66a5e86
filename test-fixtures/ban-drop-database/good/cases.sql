CREATE DATABASE analytics;
ALTER DATABASE analytics SET timezone TO 'UTC';
DROP ROLE IF EXISTS analytics_reader;
