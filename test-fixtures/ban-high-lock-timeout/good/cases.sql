SET lock_timeout = '2s';
SET lock_timeout TO 5000;
SET LOCAL lock_timeout = '10s';
RESET lock_timeout;
SET statement_timeout = '1h';
