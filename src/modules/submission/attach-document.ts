import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { EXTENSIONS, isHeifPhoto, type SniffedDocumentType, sniffDocumentType, storedFilename, typeNamedBy } from '../../platform/storage/sniff.ts';
import { virusVerdict } from '../../platform/storage/virus-scan.ts';
import { allQuestions } from '../catalog/domain/form-definition.ts';
import type { DocumentSignature } from '../cases/schema.ts';
import { type DraftView, getDraft, type SubmissionDeps } from './get-draft.ts';
import { type DocumentRow, insertDraftDocumentWithin, lockDraft } from './store.ts';

export type UploadTarget = { kind: 'document'; id: string } | { kind: 'question'; id: string } | { kind: 'signed_application' };
export type Upload = { filename: string; bytes: Uint8Array; truncated: boolean };

const fail = (code: string, kind: 'invalid' | 'too_large' | 'unavailable' = 'invalid', params: Record<string, string | number> = {}) =>
  new AppError(code, kind, params, { file: code });

/** Windows executables start with "MZ"; ELF with 0x7f "ELF": named specifically so the person knows why. */
const looksExecutable = (b: Uint8Array) => (b[0] === 0x4d && b[1] === 0x5a) || (b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46);

/**
 * Checks an uploaded file by its content, never by its name or the browser's declared type: not empty, within
 * the size limit, a PDF, JPEG, PNG, DOCX or ODT whose name does not promise another type, and clean when a
 * virus scanner is configured. Returns the checked type.
 */
export async function checkUpload(deps: SubmissionDeps, upload: Upload, allowed?: SniffedDocumentType[]): Promise<SniffedDocumentType> {
  const limitMb = Math.round((deps.config.uploadLimitBytes / 1024 / 1024) * 10) / 10;
  if (upload.truncated || upload.bytes.length > deps.config.uploadLimitBytes) throw fail('submission.file.too_large', 'too_large', { max: limitMb });
  if (upload.bytes.length === 0) throw fail('submission.file.empty');
  const type = sniffDocumentType(upload.bytes);
  if (!type) {
    if (looksExecutable(upload.bytes)) throw fail('submission.file.executable');
    throw fail(isHeifPhoto(upload.bytes) ? 'submission.file.heic' : 'submission.file.type');
  }
  const namedType = typeNamedBy(upload.filename);
  if (namedType && namedType !== type) {
    throw fail('submission.file.mismatch', 'invalid', { extension: (upload.filename.split('.').pop() ?? '').toUpperCase(), actual: EXTENSIONS[type][0]!.toUpperCase() });
  }
  if (allowed && !allowed.includes(type)) throw fail('submission.signature.not_pdf');
  const verdict = await virusVerdict(deps, upload.bytes);
  if (verdict === 'unavailable') throw fail('submission.file.scan_unavailable', 'unavailable');
  if (verdict === 'infected') throw fail('submission.file.infected');
  return type;
}

/** Attaches a checked file to the draft, for a required document or a file question of the form. */
export async function attachDocument(
  deps: SubmissionDeps,
  actor: Actor,
  input: ({ draftId: string } | { draft: DraftView }) & { target: UploadTarget; upload: Upload; signature?: DocumentSignature },
): Promise<DocumentRow> {
  // A draft the caller already read with getDraft for this actor (its owner check done) is not read again.
  const draft = 'draft' in input ? input.draft : await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const def = draft.version.definition;
  let maxFiles = 20;
  if (input.target.kind === 'document') {
    const id = input.target.id;
    if (!def.documents.some((d) => d.id === id)) throw notFound('submission.page_not_found');
  } else if (input.target.kind === 'question') {
    const id = input.target.id;
    const q = allQuestions(def.form).find((x) => x.id === id);
    if (!q || q.type !== 'file') throw notFound('submission.page_not_found');
    maxFiles = q.maxFiles ?? 20;
  }
  const same = draft.documents.filter((d) =>
    input.target.kind === 'document' ? d.requiredDocumentId === input.target.id : input.target.kind === 'question' ? d.questionId === input.target.id : false,
  );
  const tooMany = () => fail('submission.file.too_many', 'invalid', { max: maxFiles });
  if (same.length >= maxFiles) throw tooMany();
  // Every file stays as evidence: one draft's files together are capped, so one request cannot fill the store.
  const maxBytes = deps.config.uploadQuota.draftBytes;
  const draftFull = () => fail('submission.file.draft_full', 'too_large', { max: Math.round((maxBytes / 1024 / 1024) * 10) / 10 });
  if (draft.documents.reduce((sum, d) => sum + d.sizeBytes, 0) + input.upload.bytes.length > maxBytes) throw draftFull();
  const type = await checkUpload(deps, input.upload, input.target.kind === 'signed_application' ? ['application/pdf'] : undefined);
  const sha256 = await deps.blobs.put(input.upload.bytes);
  if (sha256 !== createHash('sha256').update(input.upload.bytes).digest('hex')) throw new Error('blob store returned another hash');
  const row: DocumentRow = {
    id: randomUUID(),
    caseId: null,
    draftId: draft.id,
    direction: 'in',
    questionId: input.target.kind === 'question' ? input.target.id : input.target.kind === 'signed_application' ? '_signed_application' : null,
    requiredDocumentId: input.target.kind === 'document' ? input.target.id : null,
    filename: storedFilename(input.upload.filename, type),
    mediaType: type,
    sizeBytes: input.upload.bytes.length,
    sha256,
    signature: input.signature ?? null,
    uploadedBy: actor.accountId,
    createdAt: deps.now(),
  };
  await deps.db.transaction(async (tx) => {
    // Checked above on the draft as read before the file was checked and stored, and again here under the draft's lock
    // (held to commit, as submitDraft takes it): uploads sent at once to one draft are counted one after the other, and
    // a draft submitted meanwhile takes no more files.
    const locked = await lockDraft(tx, draft.id);
    if (!locked) throw notFound('submission.draft_not_found');
    if (locked.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
    const sameTarget = input.target.kind === 'signed_application' ? null : input.target.kind;
    const held = await insertDraftDocumentWithin(tx, row, { sameTarget, maxFiles, maxBytes });
    if (!held.stored) throw held.sameTarget >= maxFiles ? tooMany() : draftFull();
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.document_attached',
      subjectId: actor.accountId,
      entity: 'case_document',
      entityId: row.id,
      details: { draft: draft.id, sha256, size: row.sizeBytes, type, target: input.target },
      ip: actor.ip,
    });
  });
  return row;
}
