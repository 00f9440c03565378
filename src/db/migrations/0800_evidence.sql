-- Issue 12 §5 Evidence: photos, audio, video and documents, stored content-addressed (sha256) in
-- the evidence store (DATA_DIR/evidence by default) and never overwritten. The rows say what each
-- file is and to what it is attached; the bytes live in the store.
CREATE TABLE evidence_files (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL CHECK (size > 0),
  kind text NOT NULL CHECK (kind IN ('image', 'audio', 'video', 'document')),
  media_type text NOT NULL,
  width int,
  height int,
  -- a 320 px WebP preview of an image, itself in the store
  thumbnail_sha256 text,
  original_name text,
  uploaded_by int REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

-- A file attached to something (a case, a step): the area decides who may see it. Links are only
-- ever added.
CREATE TABLE evidence_links (
  id bigserial PRIMARY KEY,
  sha256 text NOT NULL REFERENCES evidence_files(sha256),
  owner_type text NOT NULL,
  owner_id text NOT NULL,
  area_code text NOT NULL,
  captured_at timestamptz,
  location geometry(Point, 4326),
  linked_by int REFERENCES users(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sha256, owner_type, owner_id)
);
CREATE INDEX evidence_links_owner_idx ON evidence_links (owner_type, owner_id);

-- Resumable uploads of large files (video): the bytes received so far sit in the store's upload
-- folder; a restart resumes at `received`.
CREATE TABLE evidence_uploads (
  id uuid PRIMARY KEY,
  size bigint NOT NULL CHECK (size > 0),
  declared_type text,
  original_name text,
  received bigint NOT NULL DEFAULT 0,
  sha256 text REFERENCES evidence_files(sha256),
  created_by int REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
