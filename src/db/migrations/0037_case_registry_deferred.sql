-- openCase inserts the case before it takes the registry number (the counter row stays locked from the number
-- to commit, so the number comes last): the case's reference to its registry entry is checked at commit.
ALTER TABLE "case" ALTER CONSTRAINT case_registry_entry_id_fkey DEFERRABLE INITIALLY DEFERRED;
