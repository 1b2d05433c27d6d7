-- A new answer version (generated, or generated again after a withdrawal) is signed again from its first signer: the
-- case's open pages and its department's inboxes hear of it as of a step (migrations 0045 and 0047), though neither
-- the case's row nor its log changes. The department is the one whose queues show the case: its step's, else its own.
CREATE FUNCTION pd_notify_answer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pd_case_changed', NEW.case_id::text);
  PERFORM pg_notify('pd_case_changed', 'i:' || c.institution_id::text || ':' || coalesce(coalesce(c.step_department_id, c.department_id)::text, ''))
    FROM "case" c WHERE c.id = NEW.case_id;
  RETURN NULL;
END $$;

CREATE TRIGGER answer_document_version AFTER INSERT ON answer_document
  FOR EACH ROW EXECUTE FUNCTION pd_notify_answer_version();
