-- Annual reports (企业信息公示暂行条例 第八条: each year from 1 January to 30 June a business reports
-- the year before). The bureau records who reported, from the national publicity system's list;
-- the annual-report season's reminders (patrol item 'annual-report', M4.2) go to those who did not.
CREATE TABLE annual_reports (
  business_id int NOT NULL REFERENCES businesses(id),
  -- the year reported on (reported in the following year's season)
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  recorded_by int REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (business_id, year)
);
