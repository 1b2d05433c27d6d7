-- "Generează" carries the caller's transactionId like every other write: the same one again answers with the version
-- it generated (even one superseded since), instead of generating the answer anew from a text changed meanwhile.
-- Unique per case, so two copies of one retried call racing each other make one version.
ALTER TABLE answer_document ADD COLUMN transaction_id text;
CREATE UNIQUE INDEX answer_document_transaction_idx ON answer_document (case_id, transaction_id) WHERE transaction_id IS NOT NULL;
