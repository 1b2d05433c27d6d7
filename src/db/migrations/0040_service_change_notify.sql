-- The published version of a service is looked up by code on every draft started (config-cache.ts): publishing,
-- retiring or editing a service notifies pd_config_changed like the other configuration tables (0039).
CREATE TRIGGER service_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
CREATE TRIGGER service_version_config_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_version
  FOR EACH STATEMENT EXECUTE FUNCTION pd_notify_config_changed();
