SET lock_timeout = '2s';
CREATE TABLE bookings (id bigint, room_id int, during tstzrange,
  CONSTRAINT no_double_booking EXCLUDE USING gist (room_id WITH =, during WITH &&));
CREATE TABLE shifts (id bigint, employee_id int, period tstzrange);
ALTER TABLE shifts ADD EXCLUDE USING gist (employee_id WITH =, period WITH &&);
ALTER TABLE leases DROP CONSTRAINT one_lease;
