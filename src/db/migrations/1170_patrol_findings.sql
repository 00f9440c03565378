-- M4.3 A finding recorded on a patrol task, as the phone sends it: the id is made on the phone, so a
-- finding sent again (a lost reply, a retry after a crash) is recognised and stored once; the same id
-- with other content is refused. Device and server clocks are both kept (issue 15 §3).
CREATE TABLE patrol_findings (
  id uuid PRIMARY KEY,
  -- sha256 of the finding's content as sent (canonical JSON): what "the same content" means
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  task_id bigint NOT NULL REFERENCES patrol_tasks(id),
  item_code text NOT NULL,
  item_version integer NOT NULL,
  business_id integer REFERENCES businesses(id),
  grid_code text NOT NULL,
  answers jsonb NOT NULL,
  note text,
  location geometry(Point, 4326),
  location_accuracy_m real,
  -- the phone's clock when the finding was recorded, and when it was sent
  recorded_at timestamptz NOT NULL,
  device_sent_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- server minus phone clock at sending, when the phone said when it sent; flagged past a limit
  clock_skew_seconds integer,
  case_ids integer[] NOT NULL DEFAULT '{}',
  recorded_by integer NOT NULL REFERENCES users(id)
);
-- One finding completes a task.
CREATE UNIQUE INDEX patrol_findings_task ON patrol_findings (task_id);
