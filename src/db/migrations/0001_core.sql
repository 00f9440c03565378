-- Platform core: areas, ledgers, accounts, sessions, audit. PostgreSQL 15 / PostGIS 3.3 syntax so
-- that the embedded PGlite (PG 18, PostGIS 3.6) and a production server run the same schema.
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- M1.1 Level profiles: the names of the levels of the area tree, configuration not code.
CREATE TABLE area_profiles (
  id text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- [{ "key": "district", "zh": "管理片区", "en": "District" }, …] from the top level down
  levels jsonb NOT NULL
);

INSERT INTO area_profiles (id, name_zh, name_en, levels) VALUES
  ('baqiao', '灞桥模式（片区—单元—网格）', 'Baqiao (district / station / grid)',
   '[{"key":"district","zh":"管理片区","en":"District"},{"key":"station","zh":"管理单元","en":"Station"},{"key":"grid","zh":"管理网格","en":"Grid"}]'),
  ('nancheng', '南城模式（街道—社区—网格）', 'Nancheng (sub-district / community / grid)',
   '[{"key":"subdistrict","zh":"街道","en":"Sub-district"},{"key":"community","zh":"社区","en":"Community"},{"key":"grid","zh":"网格","en":"Grid"}]');

-- M1.2 A code is two digits per level; a child's code extends its parent's.
CREATE TABLE areas (
  code text PRIMARY KEY CHECK (code ~ '^([0-9]{2})+$' AND code !~ '00$'),
  parent_code text REFERENCES areas(code),
  level int NOT NULL CHECK (level = length(code) / 2),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  profile_id text NOT NULL REFERENCES area_profiles(id),
  boundary geometry(MultiPolygon, 4326),
  area_km2 double precision,
  version int NOT NULL DEFAULT 1,
  -- M1.4 a split, merged or moved area is retired, never deleted: old cases keep their grid
  retired_at timestamptz,
  successor_codes text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_code IS NULL OR code LIKE parent_code || '__')
);
CREATE INDEX areas_parent_idx ON areas (parent_code);
CREATE INDEX areas_code_prefix_idx ON areas (code text_pattern_ops);
CREATE INDEX areas_boundary_idx ON areas USING gist (boundary);

-- M1.4 Every change of an area's code, name or boundary, with who approved it.
CREATE TABLE area_versions (
  id serial PRIMARY KEY,
  area_code text NOT NULL REFERENCES areas(code),
  version int NOT NULL,
  change text NOT NULL,
  name text NOT NULL,
  parent_code text,
  boundary geometry(MultiPolygon, 4326),
  approved_by text,
  approval_ref text,
  reason text,
  changed_by int,
  changed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_code, version)
);

-- M2.2 Regulated businesses. area_code is the grid when placed, else the area responsible for
-- resolving the placement; scope filters use it.
CREATE TABLE businesses (
  id serial PRIMARY KEY,
  uscc text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('enterprise', 'individual', 'cooperative')),
  registered_address text NOT NULL,
  actual_address text,
  location geometry(Point, 4326),
  industry text,
  licences jsonb NOT NULL DEFAULT '[]',
  key_domains text[] NOT NULL DEFAULT '{}',
  operating_state text NOT NULL DEFAULT 'operating'
    CHECK (operating_state IN ('operating', 'suspended', 'closed', 'deregistered')),
  risk_class text NOT NULL DEFAULT 'general' CHECK (risk_class IN ('high', 'higher', 'general', 'low')),
  legal_representative text,
  contact_phone text,
  grid_code text REFERENCES areas(code),
  area_code text NOT NULL,
  unplaced_reason text CHECK (unplaced_reason IN ('noLocation', 'outsideGrids')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((grid_code IS NULL) = (unplaced_reason IS NOT NULL))
);
CREATE INDEX businesses_area_idx ON businesses (area_code text_pattern_ops, id);
CREATE INDEX businesses_grid_idx ON businesses (grid_code, id);
CREATE INDEX businesses_location_idx ON businesses USING gist (location);
CREATE INDEX businesses_unplaced_idx ON businesses (area_code, id) WHERE grid_code IS NULL;

-- M2.3 Personnel ledger.
CREATE TABLE people (
  id serial PRIMARY KEY,
  name text NOT NULL,
  -- what the person is in the bureau or outside it; the grid-head rule reads it
  position text NOT NULL CHECK (position IN ('station_chief', 'deputy_station_chief', 'supervision_officer',
    'coordinator', 'community_cadre', 'deputy', 'property_manager', 'department_staff', 'other')),
  phone text,
  organisation text,
  area_code text NOT NULL REFERENCES areas(code),
  on_duty boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_area_idx ON people (area_code text_pattern_ops, id);

CREATE TABLE person_roles (
  person_id int NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('grid_head', 'grid_manager', 'informant', 'overseer', 'station_chief',
    'district_chief', 'command_operator', 'credit_officer', 'department_liaison', 'administrator')),
  area_code text NOT NULL REFERENCES areas(code),
  PRIMARY KEY (person_id, role, area_code)
);
CREATE INDEX person_roles_area_idx ON person_roles (area_code, role);

-- Q3 Accounts: roles and one area scope (a code prefix; '' is the whole installation).
CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-zA-Z0-9_.@-]{3,64}$'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  roles text[] NOT NULL,
  scope text NOT NULL CHECK (scope ~ '^([0-9]{2})*$'),
  person_id int REFERENCES people(id),
  failed_logins int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Server-side sessions: only the sha256 of the token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash + canonical event); see
-- src/modules/audit/chain.ts. The trigger refuses UPDATE and DELETE for every role; on a
-- production server the application role is also granted INSERT and SELECT only (docs/deployment.md).
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  user_id int,
  username text,
  area_code text,
  ip text,
  action text NOT NULL,
  object_type text,
  object_id text,
  result text NOT NULL,
  details jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_events_at_idx ON audit_events (at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- The grids: live areas at the deepest level of their profile. Placement and staffing read this.
CREATE VIEW grids AS
  SELECT a.* FROM areas a JOIN area_profiles p ON p.id = a.profile_id
  WHERE a.level = jsonb_array_length(p.levels) AND a.retired_at IS NULL;
