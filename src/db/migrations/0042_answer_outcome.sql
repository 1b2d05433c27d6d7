-- The answer the official writes: its outcome (granted, refused with reasons, information given) and its text,
-- drafted per case and copied into each generated version, whose PDF the signatures then cover.
CREATE TABLE answer_draft (
  case_id uuid PRIMARY KEY REFERENCES "case"(id),
  institution_id uuid NOT NULL REFERENCES institution(id),
  outcome text NOT NULL CHECK (outcome IN ('granted', 'refused', 'information')),
  text text NOT NULL,
  updated_by uuid REFERENCES account(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Null for versions generated before answers had an outcome (they said "soluționată favorabil").
ALTER TABLE answer_document ADD COLUMN outcome text CHECK (outcome IN ('granted', 'refused', 'information'));

-- The register's "how it was resolved" as a code and a day, so each reader sees it in their language; the
-- Romanian text in `resolution` stays the official record (and the only one for lines closed before this).
ALTER TABLE registry_entry ADD COLUMN resolution_code text;
ALTER TABLE registry_entry ADD COLUMN resolved_on date;
