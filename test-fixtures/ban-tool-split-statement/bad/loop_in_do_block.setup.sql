-- the changeset creates what it uses
SELECT 1;
