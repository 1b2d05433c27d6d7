-- A repeated petition of the same petitioner on the same issue is joined to the first one (OG 27/2002 art. 10): one
-- answer covers both. joined_to_case_id names that first case, so its page lists the petitions its answer covers.
ALTER TABLE "case" ADD COLUMN joined_to_case_id uuid REFERENCES "case" (id);
CREATE INDEX case_joined_to_idx ON "case" (joined_to_case_id) WHERE joined_to_case_id IS NOT NULL;
