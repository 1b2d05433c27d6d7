-- How a refusal can be challenged, printed under it, per service: the institution's own wording (confirmed by its
-- legal department), or null for the default of the case's kind (src/modules/documents/domain/answer-text.ts).
ALTER TABLE document_template ADD COLUMN remedy text;
