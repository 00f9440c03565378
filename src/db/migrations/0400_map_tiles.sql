-- M5.1 Electronic map: the map's tile cache must learn when areas or businesses change.
--
-- One row per changing STATEMENT (never per row: the 1M-row import must keep its speed, see
-- docs/decisions.md). The server's data version of a source is (count(*), max(id)) of its rows,
-- read in the reader's snapshot: an insert takes no lock that another writer waits for (a counter
-- row bumped with UPDATE would serialise every business write until commit and could deadlock with
-- the audit chain's lock), and a change that commits late with a lower id still changes count(*).
-- src/modules/map/versions.ts compacts the rows now and then (delete all, insert one newer row).
CREATE TABLE map_changes (
  id bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('areas', 'businesses')),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX map_changes_source_idx ON map_changes (source, id);

CREATE FUNCTION map_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO map_changes (source) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER businesses_map_change AFTER INSERT OR UPDATE OR DELETE ON businesses
  FOR EACH STATEMENT EXECUTE FUNCTION map_note_change();
CREATE TRIGGER businesses_map_truncate AFTER TRUNCATE ON businesses
  FOR EACH STATEMENT EXECUTE FUNCTION map_note_change();
CREATE TRIGGER areas_map_change AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION map_note_change();
CREATE TRIGGER areas_map_truncate AFTER TRUNCATE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION map_note_change();

INSERT INTO map_changes (source) VALUES ('areas'), ('businesses');
