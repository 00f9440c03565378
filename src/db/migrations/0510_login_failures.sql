-- Lock-out that cannot be used as a weapon (issue 11 §3): failed logins are counted per account AND
-- source address, so that failures from one address delay that address only. The key is the lower-
-- cased user name as typed (unknown names are counted alike: the reply must not tell them apart).
CREATE TABLE login_failures (
  username_key text NOT NULL,
  source text NOT NULL,
  failures int NOT NULL,
  last_failed_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (username_key, source)
);
CREATE INDEX login_failures_last_idx ON login_failures (last_failed_at);

-- An initial password set by the security administrator (new account or reset) must be changed at
-- the first login; the last failed login is shown to the security administrator.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD COLUMN last_failed_login_at timestamptz;
