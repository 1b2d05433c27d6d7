-- Configuration read by every case (src/platform/cache/config-cache.ts) is cached in memory; any change to it
-- notifies pd_config_changed at commit and every process drops its cache.
CREATE FUNCTION pd_notify_config_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pd_config_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER institution_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institution
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
CREATE TRIGGER department_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON department
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
CREATE TRIGGER institution_closure_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institution_closure
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
CREATE TRIGGER workflow_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workflow
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
