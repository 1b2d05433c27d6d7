-- Workflow per service: data-driven steps per institution and service code. A service without a row follows the
-- default workflow written in code (src/modules/workflow/domain/workflow-definition.ts).
CREATE TABLE workflow (
  institution_id uuid NOT NULL REFERENCES institution(id),
  service_code text NOT NULL,
  definition jsonb NOT NULL,
  updated_by uuid REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, service_code)
);

-- Round-robin assignment: who was given the last case of a service in a department.
CREATE TABLE workflow_rotation (
  institution_id uuid NOT NULL REFERENCES institution(id),
  service_code text NOT NULL,
  department_id uuid NOT NULL REFERENCES department(id),
  last_assignee_id uuid NOT NULL REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (institution_id, service_code, department_id)
);

-- Step reminders and escalations already sent: once per case, step entry (step_seq) and kind.
CREATE TABLE workflow_step_reminder (
  case_id uuid NOT NULL REFERENCES "case"(id),
  step_seq integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  step_key text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, step_seq, kind)
);

-- The current workflow step of a case: a projection of case_action (the log stays the truth), kept in the same
-- transaction as the action. step_key NULL: the case has not entered its workflow yet, so it waits at the first
-- step, the registry (the defaults below say so to the inbox queries).
ALTER TABLE "case" ADD COLUMN step_key text;
ALTER TABLE "case" ADD COLUMN step_role text DEFAULT 'registry_clerk';
ALTER TABLE "case" ADD COLUMN step_department_id uuid REFERENCES department(id);
ALTER TABLE "case" ADD COLUMN step_assignee_id uuid REFERENCES account(id);
ALTER TABLE "case" ADD COLUMN step_due_on date;
-- route | assign | work | sign | issue | closed: which kind of inbox the step feeds.
ALTER TABLE "case" ADD COLUMN step_queue text NOT NULL DEFAULT 'route';
-- The seq of the case action that last moved the workflow: the version a stale form is checked against.
ALTER TABLE "case" ADD COLUMN step_seq integer NOT NULL DEFAULT 1;
-- The applicant's name folded for search (lower case, without Romanian diacritics; PGlite has no unaccent).
ALTER TABLE "case" ADD COLUMN search_name text GENERATED ALWAYS AS (
  lower(translate(coalesce(applicant->>'name', ''), 'ĂÂÎȘȚŞŢăâîșțşţ', 'aaiststaaistst'))
) STORED;

-- Inbox queries: a pool of unassigned work by queue, role and department, ordered by the step's due day.
CREATE INDEX case_step_pool_idx ON "case" (institution_id, step_queue, step_role, step_department_id, step_due_on) WHERE step_assignee_id IS NULL;
-- Work given to one person.
CREATE INDEX case_step_assignee_idx ON "case" (step_assignee_id, step_queue, step_due_on) WHERE step_assignee_id IS NOT NULL;
-- Step deadlines across the institution (reminders, due soon, overdue).
CREATE INDEX case_step_due_idx ON "case" (step_due_on) WHERE step_queue <> 'closed';
-- Cases that have not entered their workflow yet (the job starts them).
CREATE INDEX case_step_unstarted_idx ON "case" (submitted_at) WHERE step_key IS NULL;
-- Done: closed cases of a department, the most recently closed first.
CREATE INDEX case_done_idx ON "case" (institution_id, department_id, updated_at DESC) WHERE status IN ('issued', 'rejected', 'withdrawn', 'archived');
-- Search by CNP or CUI of the applicant.
CREATE INDEX case_applicant_cnp_idx ON "case" (institution_id, (applicant->>'cnp'));
CREATE INDEX case_applicant_cui_idx ON "case" (institution_id, (applicant->>'cui'));
