-- M2.2 / Q5 Name search in id order (src/modules/businesses/name-search.ts, docs/decisions.md#name-grams).
--
-- The trigram GIN index of 0200 finds the names containing a term, but only as a bitmap: a page of
-- fifty costs as many heap rechecks as the term has matches (≈ 2,000 for a typical trade name at a
-- million rows). Here every three-character substring of every lower-cased name is kept with the
-- business id in a b-tree ordered by (gram, id), so that a page is read in id order from the
-- rarest gram of the term and stops after fifty matches. The GIN index stays: it serves the other
-- searches (counts, sorted pages, addresses) and every name search while grams are being written.
CREATE TABLE business_name_grams (
  gram text NOT NULL,
  business_id integer NOT NULL,
  PRIMARY KEY (gram, business_id)
);

-- Ranges of business ids whose grams are not written yet: rows inserted in bulk (an import, the
-- demo), written after the commit by fill_business_name_grams. While a range is here, name
-- searches use the GIN index only, so that none misses a business.
CREATE TABLE business_name_gram_backlog (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_id integer NOT NULL,
  last_id integer NOT NULL,
  CHECK (first_id <= last_id)
);

-- The grams of a name: its three-character substrings, lower-cased as ILIKE compares them.
CREATE FUNCTION business_name_grams_of(name text) RETURNS SETOF text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT DISTINCT substr(lower(name), i, 3) FROM generate_series(1, char_length(name) - 2) i $$;

-- Every statement that inserts businesses is covered, whatever wrote it (service, COPY of an import
-- or of the demo, a test): the ids it took lie between the sequence's next value before it and its
-- last value after. Others' rows in that range are harmless (grams are written idempotently,
-- and rows not yet committed are covered by their own statement).
CREATE FUNCTION business_names_before_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('market_grid.business_ids_from',
    (SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM businesses_id_seq)::text, true);
  RETURN NULL;
END $$;

-- A small statement (a business created, a test's rows) writes its grams at once; a large one only
-- records its range, so that an import pays for a row of backlog instead of a million names' grams.
CREATE FUNCTION business_names_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  from_id integer := coalesce(nullif(current_setting('market_grid.business_ids_from', true), '')::integer, 0);
  to_id integer := (SELECT last_value FROM businesses_id_seq);
BEGIN
  IF to_id = from_id - 1 THEN
    RETURN NULL; -- no row inserted
  ELSIF to_id < from_id THEN
    -- The sequence was set back meanwhile: which ids this statement took is unknown, so all are queued.
    INSERT INTO business_name_gram_backlog (first_id, last_id) VALUES (0, 2147483647);
  ELSIF to_id - from_id < 1000 THEN
    INSERT INTO business_name_grams (gram, business_id)
      SELECT g, b.id FROM businesses b, business_name_grams_of(b.name) g WHERE b.id BETWEEN from_id AND to_id
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO business_name_gram_backlog (first_id, last_id) VALUES (from_id, to_id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER business_names_before_insert BEFORE INSERT ON businesses
  FOR EACH STATEMENT EXECUTE FUNCTION business_names_before_insert();
CREATE TRIGGER business_names_after_insert AFTER INSERT ON businesses
  FOR EACH STATEMENT EXECUTE FUNCTION business_names_after_insert();

-- A renamed business: its old grams go and its new ones come, in the same transaction.
CREATE FUNCTION business_names_after_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM business_name_grams WHERE business_id = OLD.id AND gram IN (SELECT business_name_grams_of(OLD.name));
  INSERT INTO business_name_grams (gram, business_id)
    SELECT g, NEW.id FROM business_name_grams_of(NEW.name) g
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER business_names_after_rename AFTER UPDATE OF name ON businesses
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION business_names_after_rename();

-- Writes the grams of at most `span` businesses from the oldest range of the backlog, in one
-- transaction (the caller's), and answers how many businesses that was; NULL when the backlog is
-- empty or every range is being filled by someone else. A span counts businesses, not ids, so a
-- range with gaps (a rolled-back import) or past the last id costs what it holds. Sorted, the grams
-- go into the b-tree about twice as fast.
CREATE FUNCTION fill_business_name_grams(span integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  upto integer;
  written integer;
BEGIN
  SELECT id, first_id, last_id INTO r FROM business_name_gram_backlog ORDER BY first_id LIMIT 1 FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  upto := least(r.last_id, coalesce(
    (SELECT id FROM businesses WHERE id >= r.first_id ORDER BY id OFFSET span - 1 LIMIT 1), r.last_id));
  INSERT INTO business_name_grams (gram, business_id)
    SELECT g, b.id FROM businesses b, business_name_grams_of(b.name) g WHERE b.id BETWEEN r.first_id AND upto ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  IF upto = r.last_id THEN
    DELETE FROM business_name_gram_backlog WHERE id = r.id;
  ELSE
    UPDATE business_name_gram_backlog SET first_id = upto + 1 WHERE id = r.id;
  END IF;
  SELECT count(*) INTO written FROM businesses WHERE id BETWEEN r.first_id AND upto;
  RETURN written;
END $$;

-- The businesses already in the ledger.
INSERT INTO business_name_gram_backlog (first_id, last_id) SELECT min(id), max(id) FROM businesses HAVING count(*) > 0;
