-- What the online submission journey keeps beside a case draft (case_draft, 0011): which answers came from the
-- profile (once-only), which pages were completed, the consents to fetch documents from other public bodies
-- (OUG 41/2016) and the applicant's declaration (simple electronic signature or a signed PDF). Kept after
-- submission: the draft points at its case, so the consent and the declaration stay on record for the case.
CREATE TABLE submission_state (
  draft_id uuid PRIMARY KEY REFERENCES case_draft(id) ON DELETE CASCADE,
  prefilled jsonb NOT NULL DEFAULT '[]'::jsonb,
  completed_pages jsonb NOT NULL DEFAULT '[]'::jsonb,
  consents jsonb NOT NULL DEFAULT '{}'::jsonb,
  declaration jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
