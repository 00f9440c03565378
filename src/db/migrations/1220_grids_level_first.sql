-- Issue 12 (filing rate): finding the grid under a point. The view joined each area to its profile
-- to keep the deepest level, so PostgreSQL tested the point against every live area whose box
-- holds it — the district's and the station's outlines too, hundreds of points each and stored
-- compressed — before the join dropped them. The same rule as a condition on the area itself is
-- tested first, being far cheaper than the spatial one: only the grid's outline is read (a lookup
-- among 2,000 grids 60 → 41 µs, measured). Same rows, same columns.
CREATE OR REPLACE VIEW grids AS
  SELECT a.* FROM areas a
  WHERE a.retired_at IS NULL
    AND a.level = (SELECT jsonb_array_length(p.levels) FROM area_profiles p WHERE p.id = a.profile_id);
