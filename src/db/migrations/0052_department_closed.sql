-- A department can be renamed, moved in the tree or closed when the local council reorganises the institution.
-- A closed department keeps its row (cases, registry entries and audit entries name it) but is no longer offered
-- for routing, forwarding, invitations or services. The department table already notifies pd_config_changed (0039).
ALTER TABLE department ADD COLUMN closed_at timestamptz;
ALTER TABLE department ADD COLUMN closed_by uuid REFERENCES account (id);
ALTER TABLE department ADD COLUMN updated_at timestamptz;
