-- Deadline reminders already sent, so the daily job emails once per case and deadline: a reminder when the legal
-- term is near (to the assignee or the head of department) and a warning once the term has passed.
CREATE TABLE case_reminder (
  case_id uuid NOT NULL REFERENCES "case"(id),
  kind text NOT NULL CHECK (kind IN ('due_soon', 'overdue')),
  due_on date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind, due_on)
);
