-- Officials' inboxes left open learn that their queues changed: a case submitted, or a case whose status or step
-- changed, notifies pd_case_changed with 'i:<institution>:<department>' (the department whose queues show it: its
-- step's, else its own; empty when it has none). A case moving to another department notifies both. The inbox
-- page then says the list has news; it reads nothing itself.
CREATE FUNCTION pd_notify_inbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  new_dept text := coalesce(NEW.step_department_id, NEW.department_id)::text;
  old_dept text;
BEGIN
  PERFORM pg_notify('pd_case_changed', 'i:' || NEW.institution_id::text || ':' || coalesce(new_dept, ''));
  IF TG_OP = 'UPDATE' THEN
    old_dept := coalesce(OLD.step_department_id, OLD.department_id)::text;
    IF old_dept IS DISTINCT FROM new_dept THEN
      PERFORM pg_notify('pd_case_changed', 'i:' || OLD.institution_id::text || ':' || coalesce(old_dept, ''));
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER case_inbox_changed AFTER INSERT OR UPDATE ON "case"
  FOR EACH ROW EXECUTE FUNCTION pd_notify_inbox_changed();
