-- Issue 11 §5 Lost updates: every editable record carries an integer version (areas have had one
-- since 0001). A PATCH with If-Match is one conditional UPDATE ... WHERE version = $n, and the
-- console's ETag is this number.
--
-- The version is raised by a trigger on every UPDATE of the row, not by the application's
-- statements: bulk writers (re-placement after a redivision, ledger imports, staffing changes)
-- change rows too, and an ETag must never say "unchanged" about a row that changed. A write that
-- changes nothing still raises it: a spurious conflict costs a retry, a missed one loses an edit.
ALTER TABLE businesses ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE people ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE FUNCTION record_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END
$$;
CREATE TRIGGER businesses_version_bump BEFORE UPDATE ON businesses
  FOR EACH ROW EXECUTE FUNCTION record_version_bump();
CREATE TRIGGER people_version_bump BEFORE UPDATE ON people
  FOR EACH ROW EXECUTE FUNCTION record_version_bump();
