-- The documents the city hall obtains itself from their issuers (OUG 41/2016, "once only"), with the applicant's
-- consent as given in the draft: carried by the submitted case so the official sees what must be fetched.
ALTER TABLE "case" ADD COLUMN fetched_documents jsonb NOT NULL DEFAULT '[]'::jsonb;
