-- A page with files sent after its session timed out keeps its text (fields) and, here, the names of the files chosen
-- in each file input (never their content), to be chosen again: null for a plain form.
ALTER TABLE unsent_form ADD COLUMN files jsonb;
