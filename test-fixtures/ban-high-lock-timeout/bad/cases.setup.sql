-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest): settings only, none.
SELECT 1;
