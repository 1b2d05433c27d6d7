import type { AppDeps } from '../../app.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { type DocumentView, findAnswerDocument, findIssuedBySha, findIssuedRevisionBySha, listSignatures } from './store.ts';
import { isUuid } from '../../platform/ids/uuid.ts';

/** What the public may know of an issued document: no applicant data, only what identifies the document. */
export type PublicDocument = {
  id: string;
  status: DocumentView['status'];
  title: string;
  outgoingNumber: string;
  issuedAt: Date | null;
  issuer: string;
  sha256: string;
  version: number;
  /** How many revisions (signatures and seal) the issued file has. */
  revisions: number;
};

const toPublic = async (deps: Pick<AppDeps, 'db'>, d: DocumentView): Promise<PublicDocument> => ({
  id: d.id,
  status: d.status,
  title: d.title,
  outgoingNumber: formatRegistryNumber(d.outgoingNumber, d.outgoingOn),
  issuedAt: d.issuedAt,
  issuer: d.institutionName,
  sha256: d.currentSha256,
  version: d.version,
  revisions: (await listSignatures(deps.db, d.id)).length,
});

/** A document by the id its QR code carries (any status: the page says whether it was issued). */
export async function findPublicDocument(deps: Pick<AppDeps, 'db'>, id: string): Promise<PublicDocument | null> {
  const d = isUuid(id) ? await findAnswerDocument(deps.db, id) : null;
  return d ? toPublic(deps, d) : null;
}

/** The issued document whose final file has exactly this SHA-256. */
export async function findIssuedDocumentBySha(deps: Pick<AppDeps, 'db'>, sha256: string): Promise<PublicDocument | null> {
  const d = await findIssuedBySha(deps.db, sha256);
  return d ? toPublic(deps, d) : null;
}

/** The issued document one of whose signed revisions has this SHA-256, and which revision (1 = first signature). */
export async function findIssuedRevision(deps: Pick<AppDeps, 'db'>, sha256: string): Promise<{ document: PublicDocument; seq: number } | null> {
  const found = await findIssuedRevisionBySha(deps.db, sha256);
  return found ? { document: await toPublic(deps, found.document), seq: found.seq } : null;
}

/** The bytes of an issued document's final file (for the verification report; never served to the public). */
export async function issuedFileBytes(deps: Pick<AppDeps, 'blobs'>, doc: PublicDocument): Promise<Uint8Array | null> {
  return doc.status === 'issued' ? deps.blobs.get(doc.sha256) : null;
}
