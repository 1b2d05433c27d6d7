import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { nextSigner } from './domain/signers.ts';
import { CLOSED_STATUSES } from './answer-context.ts';
import { mayDiscardSignatures } from './discard-signatures.ts';
import { stepAllowsSignature } from '../workflow/signing-step.ts';
import type { AnswerOutcome } from './domain/answer-text.ts';
import type { ExemptionGround } from './domain/partial-refusal.ts';
import type { AnswerDocumentStatus, PlannedSigner } from './schema.ts';
import { findSigningKey, listCaseAnswerDocuments, listSignatures } from './store.ts';

export type AnswerVersion = {
  id: string;
  version: number;
  status: AnswerDocumentStatus;
  /** Null for versions generated before answers had an outcome. */
  outcome: AnswerOutcome | null;
  /** Outcome `partial`: the exemption of Legea 544/2001 art. 12 the part refused was refused on; else null. */
  exemption: ExemptionGround | null;
  outgoingNumber: string;
  createdAt: Date;
  issuedAt: Date | null;
  sha256: string;
  signers: (PlannedSigner & { signedAt: Date | null })[];
  seal: { name: string; signedAt: Date } | null;
};

export type AnswerPanel = {
  caseId: string;
  /** The case's registration number (`123/22.11.2026`), for a page that shows the panel on its own. */
  caseNumber: string;
  caseStatus: string;
  versions: AnswerVersion[];
  current: AnswerVersion | null;
  next: PlannedSigner | null;
  may: { prepare: boolean; sign: boolean; issue: boolean; withdraw: boolean };
  /** The actor's turn to sign has come but the case has not reached their step yet: the step it is at (else null). */
  signAfterStep: { ro: string; en: string } | null;
  /** The actor has a signing key (a PKCS#12 or a remote credential). */
  hasKey: boolean;
};

/** The answer of a case as the official sees it on the case page: versions, who signed, who signs next, what they may do. */
export async function getAnswerPanel(deps: Pick<AppDeps, 'db'>, actor: Actor, caseId: string): Promise<AnswerPanel> {
  const row = await findCaseForOfficial(deps.db, actor, caseId, 'cases.read');
  const inst = await loadInstitution(deps.db, row.institutionId);
  const target = { institutionId: row.institutionId, departmentId: row.departmentId, departmentPath: inst?.pathOf(row.departmentId) ?? [] };
  const docs = await listCaseAnswerDocuments(deps.db, row.id);
  const versions: AnswerVersion[] = [];
  for (const d of docs) {
    const signatures = await listSignatures(deps.db, d.id);
    const sealSig = signatures.find((s) => s.method === 'seal');
    versions.push({
      id: d.id,
      version: d.version,
      status: d.status,
      outcome: d.outcome,
      exemption: d.outcome === 'partial' ? (d.partialRefusal?.ground ?? null) : null,
      outgoingNumber: formatRegistryNumber(d.outgoingNumber, d.outgoingOn),
      createdAt: d.createdAt,
      issuedAt: d.issuedAt,
      sha256: d.currentSha256,
      signers: d.signers.map((s, i) => ({ ...s, signedAt: signatures.filter((x) => x.method !== 'seal')[i]?.signedAt ?? null })),
      seal: sealSig ? { name: sealSig.signerName, signedAt: sealSig.signedAt } : null,
    });
  }
  const current = versions[0] ?? null;
  const signedCount = current ? current.signers.filter((s) => s.signedAt).length : 0;
  const next = current?.status === 'signing' ? nextSigner(current.signers, signedCount) : null;
  const open = !(CLOSED_STATUSES as readonly string[]).includes(row.status);
  // A version someone signed is set aside (withdrawn, or corrected) only by the official the case is with.
  const signedBySomeone = (current?.status === 'signing' || current?.status === 'signed') && signedCount > 0;
  const prepare = open && can(actor, 'documents.prepare', target) && current?.status !== 'issued' && (!signedBySomeone || (await mayDiscardSignatures(deps.db, actor, row)));
  // Their turn in the plan, and the case at a step where they act (or past it): a signature never runs ahead of the case.
  const turn = current && next?.accountId === actor.accountId ? await stepAllowsSignature(deps.db, actor, row.id, current.signers, signedCount) : null;
  return {
    caseId: row.id,
    caseNumber: formatRegistryNumber(row.number, row.registeredOn),
    caseStatus: row.status,
    versions,
    current,
    next,
    may: {
      prepare,
      withdraw: prepare && (current?.status === 'signing' || current?.status === 'signed'),
      sign: turn?.ok === true,
      issue: current?.status === 'signed' && row.status === 'signed' && can(actor, 'documents.issue', target),
    },
    signAfterStep: turn && !turn.ok ? turn.step : null,
    hasKey: Boolean(await findSigningKey(deps.db, actor.accountId)),
  };
}

/** A version's PDF for an official who may read the case (the applicant's data is in it: the read is audited). */
export async function getAnswerFile(
  deps: Pick<AppDeps, 'db' | 'blobs'>,
  actor: Actor,
  input: { caseId: string; documentId: string },
): Promise<{ filename: string; bytes: Uint8Array }> {
  const row = await findCaseForOfficial(deps.db, actor, input.caseId, 'cases.read');
  const docs = await listCaseAnswerDocuments(deps.db, row.id);
  const doc = docs.find((d) => d.id === input.documentId);
  if (!doc) throw new AppError('documents.not_found', 'not_found');
  const bytes = await deps.blobs.get(doc.currentSha256);
  if (!bytes) throw new AppError('documents.file_missing', 'unavailable');
  await deps.db.transaction((tx) =>
    recordAudit(tx, {
      chain: row.institutionId,
      actorId: actor.accountId,
      action: 'document.viewed',
      subjectId: row.applicantAccountId,
      entity: 'answer_document',
      entityId: doc.id,
      ip: actor.ip,
    }),
  );
  return { filename: `raspuns-${formatRegistryNumber(doc.outgoingNumber, doc.outgoingOn).replace('/', '-')}-v${doc.version}.pdf`, bytes };
}
