-- In-process caches of sessions and profiles (src/modules/identity/identity-cache.ts) forget an account
-- when it changes: every change to what they hold notifies the channel pd_account_changed with the
-- account id, at commit, whoever makes it (this process, another web process, a worker, plain SQL).
CREATE FUNCTION pd_notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];
  old_id text;
  new_id text;
BEGIN
  IF TG_OP <> 'INSERT' THEN old_id := to_jsonb(OLD) ->> col; END IF;
  IF TG_OP <> 'DELETE' THEN new_id := to_jsonb(NEW) ->> col; END IF;
  IF new_id IS NOT NULL THEN PERFORM pg_notify('pd_account_changed', new_id); END IF;
  IF old_id IS NOT NULL AND old_id IS DISTINCT FROM new_id THEN PERFORM pg_notify('pd_account_changed', old_id); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER account_changed AFTER UPDATE OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION pd_notify_account_changed('id');
CREATE TRIGGER person_changed AFTER INSERT OR UPDATE OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION pd_notify_account_changed('account_id');
CREATE TRIGGER membership_changed AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION pd_notify_account_changed('account_id');
CREATE TRIGGER company_representative_changed AFTER INSERT OR UPDATE OR DELETE ON company_representative
  FOR EACH ROW EXECUTE FUNCTION pd_notify_account_changed('account_id');
-- A new session is not cached yet, and last_seen_at moves every minute: only revocation, the second factor
-- and deletion matter.
CREATE TRIGGER session_changed AFTER UPDATE OF revoked_at, mfa_passed, account_id OR DELETE ON session
  FOR EACH ROW EXECUTE FUNCTION pd_notify_account_changed('account_id');

-- A company renamed: every representative's profile shows the new name.
CREATE FUNCTION pd_notify_company_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pd_account_changed', r.account_id::text) FROM company_representative r WHERE r.company_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER company_changed AFTER UPDATE OR DELETE ON company
  FOR EACH ROW EXECUTE FUNCTION pd_notify_company_changed();
