-- Schema the fixture's fixed SQL runs against (FixedFixturesRunOnPostgresTest).
CREATE TABLE events (id bigint, created_at date NOT NULL) PARTITION BY RANGE (created_at);
CREATE TABLE events_2019 PARTITION OF events FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
CREATE TABLE events_2020 PARTITION OF events FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE public.measurements (id bigint, taken_on date NOT NULL) PARTITION BY RANGE (taken_on);
CREATE TABLE public.measurements_y2020 PARTITION OF public.measurements FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
INSERT INTO events SELECT g, date '2019-01-01' + g FROM generate_series(1, 500) g;
INSERT INTO public.measurements SELECT g, date '2020-01-01' + g % 300 FROM generate_series(1, 100) g;
