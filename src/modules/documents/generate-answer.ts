import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { canonicalJson, recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { registerDocument } from '../registry/register-document.ts';
import { CLOSED_STATUSES, fillAnswer, loadAnswerContext, planSigners } from './answer-context.ts';
import type { AnswerOutcome } from './domain/answer-text.ts';
import { renderAnswerPdf } from './render-answer-pdf.ts';
import { checkMayDiscardSignatures } from './discard-signatures.ts';
import { type DocumentView, findAnswerByTransaction, insertAnswerDocument, listCaseAnswerDocuments, lockAnswerDraft, supersedeOpenVersions } from './store.ts';

export const verificationUrl = (baseUrl: string, documentId: string) => `${baseUrl}/verificare/${documentId}`;

export type GeneratedAnswer = { documentId: string; version: number; outcome: AnswerOutcome; outgoingNumber: string; sha256: string; duplicate: boolean };

const repeated = (d: DocumentView): GeneratedAnswer => ({
  documentId: d.id,
  version: d.version,
  // Only versions generated since keys are kept have a transactionId, and all of those have an outcome.
  outcome: d.outcome as AnswerOutcome,
  outgoingNumber: formatRegistryNumber(d.outgoingNumber, d.outgoingOn),
  sha256: d.unsignedSha256,
  duplicate: true,
});

/**
 * "Generează": the answer PDF, final except for its signatures, from the answer the official wrote (its outcome
 * and text, save-answer-draft.ts) inside the service's template. The outgoing registry number is taken now (the
 * reply carries the number of the request it answers), so it is printed before anybody signs and every signature
 * covers it. A correction is a new version with the same outgoing number: the earlier unsigned or partly signed
 * version is superseded, never changed. Once a version is issued the answer cannot be regenerated. Generating again
 * what the latest version, not signed yet, already says returns that version (a double click). The same
 * `transactionId` again returns the version that call generated (`duplicate`), whatever happened since: a retried
 * call whose answer was lost does not generate the answer anew from a text changed meanwhile.
 */
export async function generateAnswer(
  deps: Pick<AppDeps, 'db' | 'now' | 'blobs' | 'config'>,
  actor: Actor,
  input: { caseId: string; transactionId?: string },
): Promise<GeneratedAnswer> {
  const at = deps.now();
  const transactionId = input.transactionId ?? randomUUID();
  return deps.db.transaction(async (tx) => {
    const ctx = await loadAnswerContext(tx, actor, input.caseId, 'documents.prepare');
    const { row, inst } = ctx;
    const done = await findAnswerByTransaction(tx, row.id, transactionId);
    if (done) return repeated(done);
    if ((CLOSED_STATUSES as readonly string[]).includes(row.status)) throw new AppError('documents.case_closed', 'conflict');
    // The answer says what the official decided, in their words: there is no document before they write it. Read
    // under lock, so a text being saved at the same moment is either the one generated or withdraws this version.
    ctx.draft = await lockAnswerDraft(tx, row.id);
    if (!ctx.draft) throw new AppError('documents.answer.missing', 'conflict');
    // The same call twice at once: the second waited for the lock, and finds what the first generated.
    const raced = await findAnswerByTransaction(tx, row.id, transactionId);
    if (raced) return repeated(raced);
    const { outcome } = ctx.draft;
    const earlier = await listCaseAnswerDocuments(tx, row.id);
    if (earlier.some((d) => d.status === 'issued')) throw new AppError('documents.already_issued', 'conflict');
    const signers = await planSigners(tx, ctx, actor);
    if (signers.length === 0) throw new AppError('documents.no_signers', 'conflict');
    const def = (await getServiceVersion(tx, row.serviceVersionId)).definition;

    let outgoing: { id: string; display: string };
    const latest = earlier[0];
    if (latest) {
      outgoing = { id: latest.outgoingEntryId, display: formatRegistryNumber(latest.outgoingNumber, latest.outgoingOn) };
    } else {
      const registered = await registerDocument(tx, {
        institutionId: row.institutionId,
        direction: 'outgoing',
        channel: 'online',
        issuerName: inst.institution.name,
        addressee: row.applicant.name,
        summary: `Răspuns: ${def.name.ro}`,
        departmentId: row.departmentId,
        fileCode: def.fileCode,
        repliesToEntryId: row.registryEntryId,
        linkedEntryId: row.registryEntryId,
        caseId: row.id,
        registeredBy: actor.accountId,
        at,
      });
      outgoing = { id: registered.id, display: registered.display };
    }

    const filled = await fillAnswer(tx, ctx, { officialName: actor.displayName, outgoingNumber: outgoing.display, at });
    // "Generează" clicked twice, or an API call retried after its answer was lost: the version nobody signed yet
    // already says exactly this, so it is the answer — a new version would only supersede it.
    if (
      latest &&
      latest.status === 'signing' &&
      latest.currentSha256 === latest.unsignedSha256 &&
      latest.title === filled.title &&
      latest.body === filled.body &&
      latest.outcome === outcome &&
      latest.templateVersion === ctx.template.version &&
      // Stored as jsonb, whose keys come back in its own order.
      canonicalJson(latest.signers) === canonicalJson(signers)
    ) {
      return { documentId: latest.id, version: latest.version, outcome, outgoingNumber: outgoing.display, sha256: latest.currentSha256, duplicate: true };
    }
    // A corrected version sets aside the signatures already on the current one: as withdrawing it would.
    const signed = latest && (latest.status === 'signing' || latest.status === 'signed') && latest.currentSha256 !== latest.unsignedSha256;
    if (signed) await checkMayDiscardSignatures(tx, actor, row);
    if (latest) await supersedeOpenVersions(tx, row.id);
    const version = (latest?.version ?? 0) + 1;
    const documentId = randomUUID();
    const pdf = await renderAnswerPdf({
      institution: { name: inst.institution.name, address: inst.institution.address, cui: inst.institution.cui },
      title: filled.title,
      body: filled.body,
      outgoingNumber: outgoing.display,
      repliesTo: formatRegistryNumber(row.number, row.registeredOn),
      serviceName: def.name.ro,
      applicantName: row.applicant.name,
      applicantAddress: { postal: row.applicant.address || null, email: row.applicant.email || null },
      version,
      signers,
      verificationUrl: verificationUrl(deps.config.baseUrl, documentId),
    });
    const sha256 = await deps.blobs.put(pdf);
    await insertAnswerDocument(tx, {
      id: documentId,
      caseId: row.id,
      institutionId: row.institutionId,
      version,
      status: 'signing',
      title: filled.title,
      body: filled.body,
      templateVersion: ctx.template.version,
      outcome,
      partialRefusal: ctx.draft.partialRefusal ?? null,
      outgoingEntryId: outgoing.id,
      signers,
      unsignedSha256: sha256,
      currentSha256: sha256,
      sizeBytes: pdf.length,
      createdBy: actor.accountId,
      createdAt: at,
      transactionId,
    });
    // A new version is signed again from the first signer: whoever of them the case has left behind sees it in their
    // signing inbox (listCasesAwaitingSignatureOf), and an inbox or case page left open hears of it at commit, as of a
    // step (the answer_document trigger of migration 0073).
    await recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'document.generated',
      subjectId: row.applicantAccountId,
      entity: 'answer_document',
      entityId: documentId,
      details: { caseId: row.id, version, outcome, outgoingNumber: outgoing.display, sha256 },
      ip: actor.ip,
    });
    return { documentId, version, outcome, outgoingNumber: outgoing.display, sha256, duplicate: false };
  });
}
