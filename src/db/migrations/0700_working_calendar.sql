-- M3.5 The working-day calendar: the days an administrator loaded or corrected. They win over the
-- calendar built in (the chinese-days package), because the State Council announces each year's
-- holidays and adjusted working days (调休) only late in the year before.
CREATE TABLE working_calendar (
  day date PRIMARY KEY,
  working boolean NOT NULL,
  name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100),
  updated_by int REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Years an administrator loaded in full: such a year counts as announced even where the package
-- does not know it.
CREATE TABLE working_calendar_years (
  year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  loaded_by int REFERENCES users(id),
  loaded_at timestamptz NOT NULL DEFAULT now()
);
