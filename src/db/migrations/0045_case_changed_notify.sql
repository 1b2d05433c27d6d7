-- Pages that follow a case live (the citizen's request, the official's file) learn of every change at commit:
-- a new action in its log (a message, a status change, an extension…), its workflow step moving (columns of
-- "case"), or a document joining it. The payload is the case id only; the page reads the case again itself,
-- through its own authorization. PostgreSQL folds the same payload sent twice in one transaction into one.
CREATE FUNCTION pd_notify_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  case_id text := to_jsonb(NEW) ->> TG_ARGV[0];
BEGIN
  IF case_id IS NOT NULL THEN PERFORM pg_notify('pd_case_changed', case_id); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_action_changed AFTER INSERT ON case_action
  FOR EACH ROW EXECUTE FUNCTION pd_notify_case_changed('case_id');
CREATE TRIGGER case_changed AFTER UPDATE ON "case"
  FOR EACH ROW EXECUTE FUNCTION pd_notify_case_changed('id');
CREATE TRIGGER case_document_changed AFTER INSERT OR UPDATE OF case_id ON case_document
  FOR EACH ROW EXECUTE FUNCTION pd_notify_case_changed('case_id');
