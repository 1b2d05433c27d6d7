-- One-question-per-page journeys keep the answers given so far in a draft, so a person can leave and resume.
-- The owner is `account:<id>` for a signed-in person, or `anon:<sha256 of the anonymous cookie>`.
-- After submission the answers are cleared and the outcome kept for the confirmation page.
CREATE TABLE journey_draft (
  id uuid PRIMARY KEY,
  journey_id text NOT NULL,
  owner_key text NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  submitted_at timestamptz,
  result jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (journey_id, owner_key)
);
CREATE INDEX journey_draft_updated_idx ON journey_draft (updated_at);
