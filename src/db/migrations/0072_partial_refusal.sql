-- A public-information request answered in part (Legea 544/2001): the outcome 'partial' communicates the information in
-- the answer's text and refuses the rest, the refused part written as {part, ground, reasons} — what is not given, the
-- exemption of art. 12 alin. (1) (lit. a–g as a code) and why. Kept on the draft and copied into each generated version,
-- so the issued answer says which ground it refused on. Null for every other outcome.
ALTER TABLE answer_draft DROP CONSTRAINT answer_draft_outcome_check;
ALTER TABLE answer_draft ADD CONSTRAINT answer_draft_outcome_check CHECK (outcome IN ('granted', 'refused', 'information', 'partial'));
ALTER TABLE answer_draft ADD COLUMN partial_refusal jsonb;
ALTER TABLE answer_document DROP CONSTRAINT answer_document_outcome_check;
ALTER TABLE answer_document ADD CONSTRAINT answer_document_outcome_check CHECK (outcome IN ('granted', 'refused', 'information', 'partial'));
ALTER TABLE answer_document ADD COLUMN partial_refusal jsonb;
