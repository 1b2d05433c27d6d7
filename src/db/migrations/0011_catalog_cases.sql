-- Catalogue: a service per institution, with immutable published versions.
CREATE TABLE service (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  code text NOT NULL,
  category text NOT NULL,
  published_version_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, code)
);

CREATE TABLE service_version (
  id uuid PRIMARY KEY,
  service_id uuid NOT NULL REFERENCES service(id),
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  definition jsonb NOT NULL,
  search_text text NOT NULL DEFAULT '',
  created_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  UNIQUE (service_id, version)
);
ALTER TABLE service ADD CONSTRAINT service_published_version_fk FOREIGN KEY (published_version_id) REFERENCES service_version(id);

-- A case (dosar): every request, petition, complaint or information request. Status, assignee and due date
-- are projections of case_action, kept here in the same transaction for the inboxes' indexes.
CREATE TABLE "case" (
  id uuid PRIMARY KEY,
  institution_id uuid NOT NULL REFERENCES institution(id),
  service_version_id uuid NOT NULL REFERENCES service_version(id),
  kind text NOT NULL CHECK (kind IN ('request', 'petition', 'information')),
  tracking_code text NOT NULL UNIQUE,
  registry_entry_id uuid NOT NULL REFERENCES registry_entry(id),
  applicant_account_id uuid REFERENCES account(id),
  company_id uuid REFERENCES company(id),
  -- who applied, as registered (also for the assisted channel, where there is no account)
  applicant jsonb NOT NULL,
  answers jsonb NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'counter', 'email', 'post')),
  submitted_at timestamptz NOT NULL,
  department_id uuid REFERENCES department(id),
  status text NOT NULL,
  assignee_id uuid REFERENCES account(id),
  due_on date NOT NULL,
  fee_bani integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_applicant_idx ON "case" (applicant_account_id, submitted_at DESC);
CREATE INDEX case_inbox_idx ON "case" (institution_id, department_id, status, due_on);
CREATE INDEX case_assignee_idx ON "case" (assignee_id, status, due_on);

CREATE TABLE case_action (
  case_id uuid NOT NULL REFERENCES "case"(id),
  seq integer NOT NULL,
  type text NOT NULL,
  at timestamptz NOT NULL,
  day date NOT NULL,
  actor_id uuid REFERENCES account(id),
  transaction_id text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (case_id, seq),
  UNIQUE (case_id, transaction_id)
);

-- Documents in and out of a case: content-addressed blobs (SHA-256) with their metadata.
CREATE TABLE case_document (
  id uuid PRIMARY KEY,
  case_id uuid REFERENCES "case"(id),
  draft_id uuid,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  question_id text,
  required_document_id text,
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  signature jsonb,
  uploaded_by uuid REFERENCES account(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_document_case_idx ON case_document (case_id);
CREATE INDEX case_document_draft_idx ON case_document (draft_id);

-- A citizen's request being written: resumable, saved on every page.
CREATE TABLE case_draft (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES account(id),
  service_version_id uuid NOT NULL REFERENCES service_version(id),
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  company_id uuid REFERENCES company(id),
  submitted_case_id uuid REFERENCES "case"(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_draft_account_idx ON case_draft (account_id, updated_at DESC);
