-- M4.4 Co-governance (政社共治): a market's management keeps the records of the businesses inside
-- its market and patrols them with the field app; the station (the sub-district's level) draws a
-- sample of that work each month and checks it; the results count in the market's assessment.
CREATE TABLE markets (
  id serial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  -- the grid the market lies in: its staff check the market's work, its area chain sees the market
  grid_code text NOT NULL REFERENCES areas(code),
  -- the market's outline, when drawn: the businesses placed inside it joined the list when it was set
  boundary geometry(MultiPolygon, 4326),
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (grid_code, name)
);

-- The market's businesses (the list the operator keeps); a business is in one market at most.
CREATE TABLE market_businesses (
  business_id integer PRIMARY KEY REFERENCES businesses(id),
  market_id integer NOT NULL REFERENCES markets(id) ON DELETE CASCADE
);
CREATE INDEX market_businesses_market ON market_businesses (market_id);

-- The accounts of the market's management (role market_operator); an account keeps one market.
CREATE TABLE market_operators (
  user_id integer PRIMARY KEY REFERENCES users(id),
  market_id integer NOT NULL REFERENCES markets(id) ON DELETE CASCADE
);
CREATE INDEX market_operators_market ON market_operators (market_id);

-- One draw per market and month, fixed once made: its seed and ratio are kept, so anyone can redo
-- the selection (sha256 of seed and finding id, lowest first) and no one can draw again quietly.
CREATE TABLE market_check_draws (
  id serial PRIMARY KEY,
  market_id integer NOT NULL REFERENCES markets(id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  ratio real NOT NULL CHECK (ratio > 0 AND ratio <= 1),
  seed text NOT NULL,
  -- how many of the operator's findings of the month there were to draw from
  population integer NOT NULL,
  drawn_by integer REFERENCES users(id),
  drawn_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (market_id, period)
);

-- A finding drawn for checking, and what the check found.
CREATE TABLE market_checks (
  finding_id uuid PRIMARY KEY REFERENCES patrol_findings(id),
  draw_id integer NOT NULL REFERENCES market_check_draws(id),
  result text CHECK (result IN ('confirmed', 'discrepancy')),
  note text,
  checked_by integer REFERENCES users(id),
  checked_at timestamptz,
  CHECK ((result IS NULL) = (checked_at IS NULL))
);
CREATE INDEX market_checks_draw ON market_checks (draw_id);
