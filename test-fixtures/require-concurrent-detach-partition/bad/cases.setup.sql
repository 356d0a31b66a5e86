-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE events (id bigint, created_at date NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2019 PARTITION OF events FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE public.measurements (id bigint, taken_on date NOT NULL) PARTITION BY RANGE (taken_on);
CREATE TABLE public.measurements_y2020 PARTITION OF public.measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
INSERT INTO events SELECT g, date '2019-01-01' + g FROM generate_series(1, 500) g;
INSERT INTO public.measurements SELECT g, date '2020-01-01' + g % 300 FROM generate_series(1, 100) g;
-- A concurrent detach keeps each partition's bound as a CHECK constraint on the detached table:
-- the fix also leaves: constraint events_2019 events_2019_created_at_check CHECK (((created_at IS NOT NULL) AND (created_at >= '2019-01-01'::date) AND (created_at < '2020-01-01'::date)))
-- the fix also leaves: constraint measurements_y2020 measurements_y2020_taken_on_check CHECK (((taken_on IS NOT NULL) AND (taken_on >= '2020-01-01'::date) AND (taken_on < '2021-01-01'::date)))
