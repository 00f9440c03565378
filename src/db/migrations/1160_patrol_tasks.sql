-- M4.2 Patrol tasks: one per target (a business, or a whole grid), item and period, created by the
-- durable job 'patrols.tasks' (by cycle and risk class) and by events (a registration). A task keeps
-- the item version it was created with (issue 15 §1–2).
CREATE TABLE patrol_tasks (
  id bigserial PRIMARY KEY,
  item_code text NOT NULL REFERENCES patrol_items(code),
  item_version integer NOT NULL,
  -- 'b<business id>' or 'g<grid code>': the one thing the task is about
  target_key text NOT NULL,
  business_id integer REFERENCES businesses(id),
  grid_code text NOT NULL REFERENCES areas(code),
  -- the period's first day (periodic items) or the event's name and day ('registered')
  period text NOT NULL,
  due_on date NOT NULL,
  assignee_id integer REFERENCES users(id),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (item_code, item_version) REFERENCES patrol_item_versions(item_code, version),
  -- never twice for the same target, item and period
  UNIQUE (item_code, target_key, period)
);
-- One open task per target and item: a new period does not pile a second task on an unfinished one.
CREATE UNIQUE INDEX patrol_tasks_one_open ON patrol_tasks (item_code, target_key) WHERE state = 'open';
CREATE INDEX patrol_tasks_grid ON patrol_tasks (grid_code text_pattern_ops, state, due_on);
CREATE INDEX patrol_tasks_assignee ON patrol_tasks (assignee_id, state, due_on) WHERE assignee_id IS NOT NULL;

-- The last day whose period starts the job has generated: a run covers every day since, so a
-- server that was down for three days catches up, and no day is generated twice.
CREATE TABLE patrol_task_runs (
  id integer PRIMARY KEY CHECK (id = 1),
  last_day date NOT NULL
);
