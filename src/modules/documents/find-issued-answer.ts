import type { AppDeps } from '../../app.ts';
import { verifyPadesSignatures } from '../../platform/signing/verify-pades.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { type AnswerOutcome, refuses, remedyFor } from './domain/answer-text.ts';
import type { PartialRefusal } from './domain/partial-refusal.ts';
import { titleOf } from './domain/signers.ts';
import { findTemplateVersion, listCaseAnswerDocuments, listSignatures } from './store.ts';

export type IssuedAnswerSignature = {
  name: string;
  /** The title signed under (`documents.role.*`): inspector, head_of_department, mayor, director_general, seal. */
  title: string;
  signedAt: Date;
};

/** The issued answer of a case as its applicant reads it: what the signed document says, who signed it and when. */
export type IssuedAnswerView = {
  /** The answer document's id: its public verification page is /verificare/<id>. */
  documentId: string;
  /** The issued file among the case's documents (the applicant downloads it there). */
  caseDocumentId: string | null;
  outcome: AnswerOutcome | null;
  outgoingNumber: string;
  issuedAt: Date;
  /** The document's title and text, word for word as signed (Romanian, the language of issued documents). */
  title: string;
  text: string;
  /** The officials' signatures in the order they signed, then the institution's seal. */
  signatures: IssuedAnswerSignature[];
  /** The stored file's signatures were checked: every one valid and nothing added after the last one. */
  signaturesValid: boolean;
  /** How a refusal (total or partial) can be challenged, as the document prints it; null for any other outcome. */
  remedy: string | null;
  /** A partial answer: the part refused, its exemption ground (Legea 544/2001 art. 12) and reasons; else null. */
  partialRefusal: PartialRefusal | null;
};

/**
 * Whether a stored file's signatures verify, by its SHA-256. Checking a signed PDF takes tens of milliseconds, and an
 * answered case's page is read again at every live update; the same bytes always give the same result, so each
 * process keeps the last few hundred results (a changed file has another fingerprint and is checked afresh).
 */
const VERIFIED_KEPT = 500;
const verifiedBySha = new Map<string, boolean>();

async function signaturesVerify(deps: Pick<AppDeps, 'blobs'>, sha256: string): Promise<boolean> {
  const known = verifiedBySha.get(sha256);
  if (known !== undefined) return known;
  // A file the store cannot give now is not verified now (and not remembered as such).
  const bytes = await deps.blobs.get(sha256).catch(() => null);
  if (!bytes) return false;
  // A file that cannot even be read as a signed PDF is simply not verified.
  const report = await verifyPadesSignatures(bytes).catch(() => null);
  const valid = Boolean(report?.valid && !report.changedAfterLastSignature);
  if (verifiedBySha.size >= VERIFIED_KEPT) verifiedBySha.delete(verifiedBySha.keys().next().value!);
  verifiedBySha.set(sha256, valid);
  return valid;
}

/**
 * The issued answer of a case the caller may already read (the applicant's or an official's read authorised it), or
 * null before one is issued. Its signatures are checked on the stored file, so the page never says "verified" of a
 * file that does not verify.
 */
export async function findIssuedAnswer(
  deps: Pick<AppDeps, 'db' | 'blobs'>,
  input: { caseId: string; serviceCode: string; caseKind: string },
): Promise<IssuedAnswerView | null> {
  const issued = (await listCaseAnswerDocuments(deps.db, input.caseId)).find((d) => d.status === 'issued');
  if (!issued?.issuedAt) return null;
  const rows = await listSignatures(deps.db, issued.id);
  const officials = rows.filter((s) => s.method !== 'seal');
  const signatures: IssuedAnswerSignature[] = [
    ...officials.map((s, i) => ({ name: s.signerName, title: issued.signers[i] ? titleOf(issued.signers[i]) : s.role, signedAt: s.signedAt })),
    ...rows.filter((s) => s.method === 'seal').map((s) => ({ name: s.signerName, title: 'seal', signedAt: s.signedAt })),
  ];
  let remedy: string | null = null;
  if (refuses(issued.outcome)) {
    const template = issued.templateVersion ? await findTemplateVersion(deps.db, issued.institutionId, input.serviceCode, issued.templateVersion) : null;
    remedy = template?.remedy || remedyFor(input.caseKind, issued.outcome ?? 'refused');
  }
  return {
    documentId: issued.id,
    caseDocumentId: issued.caseDocumentId,
    outcome: issued.outcome,
    outgoingNumber: formatRegistryNumber(issued.outgoingNumber, issued.outgoingOn),
    issuedAt: issued.issuedAt,
    title: issued.title,
    text: issued.body,
    signatures,
    signaturesValid: await signaturesVerify(deps, issued.currentSha256),
    remedy,
    partialRefusal: issued.outcome === 'partial' ? issued.partialRefusal : null,
  };
}
