-- Issue 12 Cases (M3): the five-step closed loop. A case belongs to one grid (grid_code) and is
-- held, at each moment, by one area of that grid's chain (holder_code: the grid, its station or its
-- district) or by a department it was referred to. Every step is a row of case_steps and an audit
-- event; nothing here is ever deleted.

-- Departments cases are referred to (移送), and the liaison accounts that act for them.
CREATE TABLE departments (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  active boolean NOT NULL DEFAULT true
);
ALTER TABLE users ADD COLUMN department_code text REFERENCES departments(code);

INSERT INTO departments (code, name_zh, name_en) VALUES
  ('health', '区卫生健康局', 'District Health Commission'),
  ('housing', '区住房和城乡建设局', 'District Housing and Construction Bureau'),
  ('urban', '区城市管理和综合执法局', 'District Urban Management and Enforcement Bureau'),
  ('emergency', '区应急管理局', 'District Emergency Management Bureau'),
  ('ecology', '生态环境分局', 'Ecology and Environment Branch'),
  ('police', '公安分局', 'Public Security Branch');

-- M3.4 Routes a case may take above its grid. Escalation always goes to the parent area; a route
-- says at which levels (1 = top of the tree) a case may be referred to a department.
-- Baqiao: grid → station → district, referral from any level. Nancheng: grid → community →
-- sub-district centre → department, referral only from the sub-district centre.
CREATE TABLE case_routes (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  refer_from_levels int[] NOT NULL
);
INSERT INTO case_routes (code, name_zh, name_en, refer_from_levels) VALUES
  ('baqiao', '网格→管理单元→管理片区（各级均可移送）', 'Grid → station → district (referral from any level)', '{1,2,3}'),
  ('nancheng', '网格→社区→街道网格中心→主管部门', 'Grid → community → sub-district centre → department', '{1}');

-- M3.1 The category catalogue (configurable): general matters, the four clue types of M3.4, emergencies.
CREATE TABLE case_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  route_code text NOT NULL REFERENCES case_routes(code),
  emergency boolean NOT NULL DEFAULT false,
  -- offered on the public portal and to Open311 clients (the clue types are found by staff)
  public boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 100
);
INSERT INTO case_categories (code, name_zh, name_en, route_code, emergency, sort) VALUES
  ('food-safety', '食品安全', 'Food safety', 'baqiao', false, 10),
  ('product-quality', '产品质量', 'Product quality', 'baqiao', false, 20),
  ('pricing', '价格收费', 'Prices and charges', 'baqiao', false, 30),
  ('advertising', '虚假广告', 'False advertising', 'baqiao', false, 40),
  ('licence', '证照公示', 'Licences and display', 'baqiao', false, 50),
  ('special-equipment', '特种设备', 'Special equipment', 'baqiao', false, 60),
  ('consumer-rights', '消费维权', 'Consumer rights', 'baqiao', false, 70),
  ('clue-not-found', '经查市场主体不存在', 'Business not found at its address', 'nancheng', false, 110),
  ('clue-address-mismatch', '地址与登记不符', 'Address differs from registration', 'nancheng', false, 120),
  ('clue-unlicensed-general', '一般行业无照经营', 'Unlicensed business, ordinary trade', 'nancheng', false, 130),
  ('clue-unlicensed-licensed', '许可行业无证照经营', 'Unlicensed business, licensed trade', 'nancheng', false, 140),
  ('emergency-group', '群体性事件', 'Group incident', 'baqiao', true, 200),
  ('emergency-sudden', '突发性事件', 'Sudden incident', 'baqiao', true, 210),
  ('other', '其他', 'Other', 'baqiao', false, 900);
UPDATE case_categories SET public = false WHERE code LIKE 'clue-%';

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  -- public tracking number (portal, phone); unguessable, so that nobody can walk through others' cases
  tracking_no text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('patrol', 'complaint', 'hotline12315', 'media', 'referral', 'superior')),
  category_code text NOT NULL REFERENCES case_categories(code),
  emergency boolean NOT NULL DEFAULT false,
  state text NOT NULL CHECK (state IN ('new', 'verifying', 'handling', 'referred', 'departmentHandling',
    'reviewing', 'closed', 'dismissed', 'merged')),
  -- the grid the case belongs to; NULL only while it waits for manual placement by the command centre
  grid_code text REFERENCES areas(code),
  -- the area responsible now: the grid, or an area above it after escalation; the scope filter reads it
  holder_code text NOT NULL REFERENCES areas(code),
  -- the department it is referred to (移送); holder_code stays the area that referred it
  department_code text REFERENCES departments(code),
  assignee_user_id int REFERENCES users(id),
  location geometry(Point, 4326),
  address text,
  business_id int REFERENCES businesses(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  -- the deadline of the current step (working days, src/modules/calendar) and when it was missed
  due_at timestamptz,
  overdue_at timestamptz,
  -- times the current step's deadline was missed and escalated to the level above (0 = on time)
  overdue_level int NOT NULL DEFAULT 0,
  merged_into bigint REFERENCES cases(id),
  rating int CHECK (rating BETWEEN 1 AND 5),
  rating_comment text,
  created_by int REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE TRIGGER cases_version_bump BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION record_version_bump();
-- Queues and command-centre counts read open cases only; closed ones are history (2M of them).
CREATE INDEX cases_open_holder_idx ON cases (holder_code text_pattern_ops, due_at) WHERE closed_at IS NULL;
CREATE INDEX cases_open_state_idx ON cases (state, holder_code) WHERE closed_at IS NULL;
-- command-centre counts attribute a case to its grid (to its holder while it waits for placement)
CREATE INDEX cases_open_area_idx ON cases ((coalesce(grid_code, holder_code)) text_pattern_ops) WHERE closed_at IS NULL;
CREATE INDEX cases_grid_idx ON cases (grid_code text_pattern_ops, id);
CREATE INDEX cases_department_idx ON cases (department_code, state) WHERE department_code IS NOT NULL AND closed_at IS NULL;
CREATE INDEX cases_due_idx ON cases (due_at) WHERE closed_at IS NULL AND overdue_at IS NULL;
CREATE INDEX cases_location_idx ON cases USING gist (location) WHERE closed_at IS NULL;
CREATE INDEX cases_business_idx ON cases (business_id) WHERE business_id IS NOT NULL;

-- The complainant, apart from the case: staff see it masked, unmasking is an audited event, and
-- it never leaves with the case to a business or a department (M9.1, issue 12 §8).
CREATE TABLE case_contacts (
  case_id bigint PRIMARY KEY REFERENCES cases(id),
  name text,
  phone text,
  email text
);

-- Idempotency-Key of a create (a phone retrying, a forwarded 12315 order): one key, one case.
CREATE TABLE case_intake_keys (
  submitter text NOT NULL,
  key text NOT NULL,
  case_id bigint NOT NULL REFERENCES cases(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (submitter, key)
);

-- The timeline: one row per step, never changed. Old and new values sit in `changes`.
CREATE TABLE case_steps (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases(id),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  user_id int REFERENCES users(id),
  actor_name text,
  note text,
  changes jsonb,
  -- sha256 of the evidence attached with this step (src/modules/evidence)
  evidence text[],
  location geometry(Point, 4326),
  due_at timestamptz,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_steps_case_idx ON case_steps (case_id, id);

CREATE FUNCTION case_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_steps is append-only';
END $$;
CREATE TRIGGER case_steps_no_change BEFORE UPDATE OR DELETE ON case_steps
  FOR EACH ROW EXECUTE FUNCTION case_steps_append_only();
