import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type PdfSignatureReport, verifyPdfSignature } from '../../platform/signatures/verify-pdf-signature.ts';
import { attachDocument, checkUpload, type Upload } from './attach-document.ts';
import { getDraft, type SubmissionDeps } from './get-draft.ts';
import type { Declaration } from './schema.ts';
import { deleteDraftDocument, updateState } from './store.ts';

/**
 * The declaration as a PDF the applicant signed with an advanced or qualified signature. The signature must
 * verify (digest and value): a PDF altered after signing is refused and the draft keeps everything else. Trust
 * in the certificate (a qualified trust service on an EU trusted list) is not checked here and is recorded so.
 */
export async function attachSignedApplication(deps: SubmissionDeps, actor: Actor, input: { draftId: string; upload: Upload }): Promise<PdfSignatureReport> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  await checkUpload(deps, input.upload, ['application/pdf']);
  const report = await verifyPdfSignature(input.upload.bytes);
  if (report.signatures.length === 0) throw new AppError('submission.signature.missing', 'invalid', {}, { signedPdf: 'submission.signature.missing' });
  if (!report.valid) {
    const altered = report.signatures.some((s) => !s.digestMatches);
    const code = altered ? 'submission.signature.altered' : 'submission.signature.invalid';
    throw new AppError(code, 'invalid', {}, { signedPdf: code });
  }
  const s = report.signatures[report.signatures.length - 1]!;
  const doc = await attachDocument(deps, actor, {
    draftId: draft.id,
    target: { kind: 'signed_application' },
    upload: input.upload,
    signature: { kind: 'advanced', valid: true, signer: s.signerName ?? undefined, signedAt: s.signingTime ?? undefined, detail: 'certificate trust not checked' },
  });
  const declaration: Declaration = {
    kind: 'signed_pdf',
    accountId: actor.accountId,
    at: deps.now().toISOString(),
    documentId: doc.id,
    signerName: s.signerName,
    signingTime: s.signingTime,
    modifiedAfterSigning: report.modifiedAfterSigning,
    trustChecked: false,
  };
  await deps.db.transaction(async (tx) => {
    // One signed application per draft: a new one replaces the previous.
    if (draft.declaration?.kind === 'signed_pdf') await deleteDraftDocument(tx, draft.id, draft.declaration.documentId);
    await updateState(tx, draft.id, { declaration, now: deps.now() });
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.signed_application_attached',
      subjectId: actor.accountId,
      entity: 'case_document',
      entityId: doc.id,
      details: { signer: s.signerName, signingTime: s.signingTime, modifiedAfterSigning: report.modifiedAfterSigning, trustChecked: false },
      ip: actor.ip,
    });
  });
  return report;
}
