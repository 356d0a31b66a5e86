SET lock_timeout = '2s';
ALTER TABLE bookings ADD CONSTRAINT no_double_booking EXCLUDE USING gist (room_id WITH =, during WITH &&);  -- expect: ban-exclusion-constraint@1 "no_double_booking"
ALTER TABLE shifts ADD EXCLUDE USING gist (employee_id WITH =, period WITH &&);  -- expect: ban-exclusion-constraint@1 "shifts_excl"
ALTER TABLE public.leases ADD CONSTRAINT one_lease EXCLUDE (unit_id WITH =) WHERE (active);  -- expect: ban-exclusion-constraint@1
