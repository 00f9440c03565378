-- M5.1 Where staff on duty are: their phones report a position at an interval while the user is on
-- duty and has consented; positions are kept for a retention period (POSITION_RETENTION_DAYS) and
-- then deleted by the daily 'positions.purge' job.
CREATE TABLE staff_duty (
  user_id int PRIMARY KEY REFERENCES users(id),
  on_duty boolean NOT NULL,
  -- when the user last agreed that the phone reports where they are while on duty
  consented_at timestamptz,
  changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_positions (
  id bigserial PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id),
  -- the phone's clock when the fix was taken; received_at is the server's
  recorded_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  location geometry(Point, 4326) NOT NULL,
  accuracy_m real
);
CREATE INDEX staff_positions_user_idx ON staff_positions (user_id, received_at DESC);
CREATE INDEX staff_positions_received_idx ON staff_positions (received_at);
