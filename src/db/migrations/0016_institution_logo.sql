-- An institution's logo (PNG or JPEG, content-addressed in the blob store), shown in the page header.
ALTER TABLE institution ADD COLUMN logo_sha256 text;
ALTER TABLE institution ADD COLUMN logo_media_type text;
ALTER TABLE institution DROP COLUMN logo_svg;
ALTER TABLE institution ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
