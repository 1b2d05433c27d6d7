import { PDFDocument } from 'pdf-lib';
import type { AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { notifyApplicant } from '../cases/notify-applicant.ts';
import { recordCaseAction } from '../cases/record-case-action.ts';
import type { AnswerOutcome } from '../cases/domain/case-state.ts';
import { recordOutgoingDocument } from '../cases/record-outgoing-document.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { recordSending } from '../registry/record-sending.ts';
import { SIGNING_REASON } from './domain/signers.ts';
import { verificationUrl } from './generate-answer.ts';
import { sealSigner } from './signing-keys.ts';
import { type DocumentView, findSeal, insertSignature, listCaseAnswerDocuments, listSignatures, lockAnswerDocument, updateAnswerDocument } from './store.ts';

/** The e-mail that carries an issued answer: one per outcome, so it says at once what the answer is. */
export const ISSUED_TEMPLATE = 'documents.issued.v1';
export const ISSUED_TEMPLATES: Record<AnswerOutcome, string> = {
  granted: 'documents.issued_granted.v1',
  refused: 'documents.issued_refused.v1',
  information: 'documents.issued_information.v1',
  partial: 'documents.issued_partial.v1',
};

export type Issued = { documentId: string; caseDocumentId: string; sha256: string; duplicate: boolean };

/** The answer of a case that is ready to be issued: the latest version, with every planned signature. */
async function findIssuable(deps: Pick<AppDeps, 'db'>, caseId: string): Promise<DocumentView> {
  const [latest] = await listCaseAnswerDocuments(deps.db, caseId);
  if (!latest) throw new AppError('documents.none', 'conflict');
  return latest;
}

export type PreparedIssue = {
  caseId: string;
  applicantAccountId: string | null;
  doc: DocumentView;
  /** The final file: the signed document closed by the institution's seal, when it has one. */
  sha256: string;
  size: number;
  sealName: string | null;
  /** The register's "Număr de file" of the outgoing answer. */
  pageCount: number;
  at: Date;
};

/**
 * The CPU and network part of issuing, outside any transaction: checks the answer is fully signed and the case has
 * passed its signing step, then applies the institution's seal (with a time-stamp when its TSA is configured) as the
 * file's last revision and stores the result. Nothing is recorded yet: see `recordAnswerIssue`.
 */
export async function prepareAnswerIssue(deps: Pick<AppDeps, 'db' | 'now' | 'blobs' | 'config'>, actor: Actor, caseId: string): Promise<PreparedIssue> {
  const at = deps.now();
  const row = await findCaseForOfficial(deps.db, actor, caseId, 'documents.issue');
  const doc = await findIssuable(deps, row.id);
  if (doc.status === 'issued') throw new AppError('documents.already_issued', 'conflict');
  // Withdrawn for correction and not generated again: there is no answer to issue, only the one set aside.
  if (doc.status === 'superseded') throw new AppError('documents.none_current', 'conflict', { version: String(doc.version) });
  if (doc.status !== 'signed') {
    // Named, so whoever issues knows whose signature to ask for.
    const signed = (await listSignatures(deps.db, doc.id)).length;
    const names = doc.signers.slice(signed).map((s) => s.name).join(', ');
    throw new AppError('documents.not_signed', 'conflict', { names });
  }
  if (row.status !== 'signed') throw new AppError('documents.case_not_signed', 'conflict');
  let bytes = await deps.blobs.get(doc.currentSha256);
  if (!bytes) throw new AppError('documents.file_missing', 'unavailable');
  const seal = await findSeal(deps.db, doc.institutionId);
  if (seal) {
    bytes = await sealSigner(deps.config.sessionSecret, seal).sign(bytes, {
      name: seal.certificateSubject,
      reason: SIGNING_REASON.seal!,
      location: doc.institutionName,
      signingTime: at,
    });
  }
  const sha256 = await deps.blobs.put(bytes);
  const pageCount = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  return { caseId: row.id, applicantAccountId: row.applicantAccountId, doc, sha256, size: bytes.length, sealName: seal?.certificateSubject ?? null, pageCount, at };
}

/**
 * Records the issue in the caller's transaction: the seal's revision, the file as the case's outgoing document (the
 * applicant sees and downloads it), the document as issued (the public verification page then answers "authentic"
 * for exactly these bytes), the audit entry and the applicant's email. `recordCase: false` leaves the case's
 * `issued` action to the caller — the workflow's issue step records it with its own step data.
 */
export async function recordAnswerIssue(
  tx: Tx,
  deps: Pick<AppDeps, 'notifier' | 'config'>,
  actor: Actor,
  prepared: PreparedIssue,
  input: { transactionId: string; recordCase: boolean },
): Promise<Issued> {
  const { doc, at, sha256 } = prepared;
  const locked = await lockAnswerDocument(tx, doc.id);
  if (!locked || locked.status !== 'signed' || locked.currentSha256 !== doc.currentSha256) throw new AppError('documents.changed', 'conflict');
  const signatures = await listSignatures(tx, doc.id);
  if (prepared.sealName) {
    await insertSignature(tx, {
      documentId: doc.id,
      seq: signatures.length + 1,
      accountId: null,
      role: 'seal',
      signerName: prepared.sealName,
      method: 'seal',
      signedAt: at,
      sha256,
      transactionId: `${input.transactionId}:seal`,
    });
  }
  const outgoing = formatRegistryNumber(doc.outgoingNumber, doc.outgoingOn);
  const caseDocumentId = await recordOutgoingDocument(tx, {
    caseId: prepared.caseId,
    filename: `raspuns-${outgoing.replace('/', '-')}.pdf`,
    mediaType: 'application/pdf',
    sizeBytes: prepared.size,
    sha256,
    signature: {
      kind: 'advanced',
      valid: true,
      signer: [...signatures.map((s) => s.signerName), ...(prepared.sealName ? [prepared.sealName] : [])].join(', '),
      signedAt: at.toISOString(),
      detail: `PAdES; verificare: ${verificationUrl(deps.config.baseUrl, doc.id)}`,
    },
    actorId: actor.accountId,
    at,
  });
  if (input.recordCase) {
    // The outcome travels with the action: the register's "how it was resolved" and the applicant's page say it.
    const payload = doc.outcome ? { outcome: doc.outcome } : {};
    await recordCaseAction(tx, { caseId: prepared.caseId, type: 'issued', actorId: actor.accountId, transactionId: input.transactionId, payload, at });
  }
  await updateAnswerDocument(tx, doc.id, { status: 'issued', currentSha256: sha256, sizeBytes: prepared.size, caseDocumentId, issuedAt: at });
  // The answer leaves the institution now (case page, e-mail): the register's outgoing line records the day and its pages.
  await recordSending(tx, { entryId: doc.outgoingEntryId, day: bucharestDay(at), pageCount: prepared.pageCount });
  await recordAudit(tx, {
    chain: doc.institutionId,
    actorId: actor.accountId,
    action: 'document.issued',
    subjectId: prepared.applicantAccountId,
    entity: 'answer_document',
    entityId: doc.id,
    details: { caseId: prepared.caseId, outcome: doc.outcome, outgoingNumber: outgoing, sha256, sealed: Boolean(prepared.sealName) },
    ip: actor.ip,
  });
  await notifyApplicant(tx, deps, {
    caseId: prepared.caseId,
    // Answers generated before outcomes existed have none: the e-mail then says only that the answer was issued.
    template: doc.outcome ? ISSUED_TEMPLATES[doc.outcome] : ISSUED_TEMPLATE,
    data: { outgoing, verifyLink: verificationUrl(deps.config.baseUrl, doc.id) },
  });
  return { documentId: doc.id, caseDocumentId, sha256, duplicate: false };
}

/**
 * "Emite": issues the signed answer on its own (seal, outgoing case document, case recorded as issued, email).
 * The case must have reached "signed" in its log (the workflow's signing step): issuing is the step after it.
 */
export async function issueAnswer(deps: Pick<AppDeps, 'db' | 'now' | 'blobs' | 'config' | 'notifier'>, actor: Actor, input: { caseId: string; transactionId: string }): Promise<Issued> {
  const row = await findCaseForOfficial(deps.db, actor, input.caseId, 'documents.issue');
  const latest = await findIssuable(deps, row.id);
  if (latest.status === 'issued') return { documentId: latest.id, caseDocumentId: latest.caseDocumentId!, sha256: latest.currentSha256, duplicate: true };
  const prepared = await prepareAnswerIssue(deps, actor, input.caseId);
  return deps.db.transaction((tx) => recordAnswerIssue(tx, deps, actor, prepared, { transactionId: input.transactionId, recordCase: true }));
}
