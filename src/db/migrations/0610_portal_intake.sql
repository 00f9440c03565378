-- Issue 12 §7 The public portal and the intake of other platforms.

-- Fixed-window counters shared by every server process: the portal's per-address limits.
CREATE TABLE rate_limits (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits int NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);

-- Other platforms that file cases (a 12315 centre forwarding orders, an Open311 client): each has a
-- key, stored as its sha256 only, made and revoked on the host (`market-grid intake-client`).
CREATE TABLE intake_clients (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{1,39}$'),
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- M9.1 the complainant's rating of the result
ALTER TABLE cases ADD COLUMN rated_at timestamptz;
ALTER TABLE cases ADD COLUMN external_ref text;
