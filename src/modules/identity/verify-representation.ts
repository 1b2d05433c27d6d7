import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { checkMandateEnd } from './domain/mandate.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { sniffContentType } from '../../platform/storage/sniff.ts';
import type { IdentityDeps } from './module.ts';
import type { RepresentationStatus } from './schema.ts';
import { countRepresentations, decidePendingRepresentation, findRepresentationRow, listRepresentationRows, type RepresentationRow } from './store.ts';
import { TEMPLATES } from './templates.ts';

/** Who checks mandates: a registry clerk or an administrator of any institution of the deployment (accounts are shared). */
export const VERIFY_ACTION = 'representations.verify';

export function mayVerifyRepresentations(actor: Actor): boolean {
  return actor.isOfficial && actor.memberships.some((m) => can(actor, VERIFY_ACTION, { institutionId: m.institutionId }));
}

function requireVerifier(actor: Actor): void {
  if (!mayVerifyRepresentations(actor)) throw new AppError('forbidden', 'forbidden');
}

export type RepresentationRequestRow = {
  id: string;
  status: RepresentationStatus;
  requestedAt: Date;
  company: { id: string; cui: string; name: string; tradeRegisterNo: string | null };
  person: { accountId: string; name: string; email: string; cnp: string | null };
  mandateFilename: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** The mandate's last valid day (inclusive), when the official set one on approving it. */
  validUntil: string | null;
};

const toRequest = (r: RepresentationRow): RepresentationRequestRow => ({
  id: r.id,
  status: r.status,
  requestedAt: r.requestedAt,
  company: { id: r.companyId, cui: r.cui, name: r.companyName, tradeRegisterNo: r.tradeRegisterNo },
  person: { accountId: r.accountId, name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.displayName, email: r.email, cnp: r.cnp },
  mandateFilename: r.mandateFilename,
  decidedAt: r.decidedAt,
  decisionReason: r.decisionReason,
  validUntil: r.validUntil,
});

/** A line of the list: who asks for which company, without the CNP, which only the audited detail shows. */
export type RepresentationSummaryRow = Omit<RepresentationRequestRow, 'person'> & { person: Omit<RepresentationRequestRow['person'], 'cnp'> };

/**
 * The representations waiting for their mandate to be checked, oldest first (first asked, first answered). Every
 * registry clerk and administrator of the deployment reads this list, unaudited: it leaves out the person's CNP.
 */
export async function listPendingRepresentations(deps: Pick<IdentityDeps, 'db'>, actor: Actor): Promise<RepresentationSummaryRow[]> {
  requireVerifier(actor);
  return (await listRepresentationRows(deps.db, 'pending')).map((r) => {
    const { person, ...rest } = toRequest(r);
    return { ...rest, person: { accountId: person.accountId, name: person.name, email: person.email } };
  });
}

/** How many wait, for the officials' home page; null for someone who does not check mandates. */
export async function countPendingRepresentations(deps: Pick<IdentityDeps, 'db'>, actor: Actor): Promise<number | null> {
  if (!mayVerifyRepresentations(actor)) return null;
  return countRepresentations(deps.db, 'pending');
}

/** One request, with the person's identity: reading it is recorded in the person's access log. */
export async function getRepresentationRequest(deps: Pick<IdentityDeps, 'db'>, actor: Actor, id: string): Promise<RepresentationRequestRow> {
  requireVerifier(actor);
  return deps.db.transaction(async (tx) => {
    const row = isUuid(id) ? await findRepresentationRow(tx, id) : null;
    if (!row) throw new AppError('identity.representation.not_found', 'not_found');
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'company_representative.viewed',
      subjectId: row.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: { cui: row.cui },
      ip: actor.ip,
    });
    return toRequest(row);
  });
}

/** The mandate document itself; its download is audited too. */
export async function getMandateDocument(deps: Pick<IdentityDeps, 'db' | 'blobs'>, actor: Actor, id: string): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  requireVerifier(actor);
  const row = isUuid(id) ? await findRepresentationRow(deps.db, id) : null;
  const bytes = row?.mandateSha256 ? await deps.blobs.get(row.mandateSha256) : null;
  if (!row || !bytes) throw new AppError('identity.representation.not_found', 'not_found');
  await recordAudit(deps.db, {
    chain: PLATFORM_CHAIN,
    actorId: actor.accountId,
    action: 'company_representative.mandate_downloaded',
    subjectId: row.accountId,
    entity: 'company_representative',
    entityId: row.id,
    details: { sha256: row.mandateSha256 },
    ip: actor.ip,
  });
  // A PDF, or a JPEG/PNG photo of the paper: checked by content when it was uploaded, named by content again here.
  return { filename: row.mandateFilename || 'imputernicire', mediaType: sniffContentType(bytes) ?? 'application/octet-stream', bytes };
}

/** `validUntil`: on approving, the mandate's last valid day (YYYY-MM-DD) when the document sets one. */
export type RepresentationDecision = { decision: 'approve' | 'reject'; reason?: unknown; validUntil?: unknown };
export const REASON_MAX = 1000;

/**
 * The official's decision on a mandate: approved, the person acts for the company from their next page — until the
 * end date the document sets, if the official typed one (from the next day they no longer act for it); refused, with a
 * reason the person reads in their e-mail and on their account (they may send a new mandate). A request already decided
 * by a colleague is not decided twice; an official's own request is decided by a colleague.
 */
export async function decideRepresentation(
  deps: Pick<IdentityDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  id: string,
  input: RepresentationDecision,
): Promise<{ status: RepresentationStatus; companyName: string }> {
  requireVerifier(actor);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (input.decision === 'reject' && !reason) throw new AppError('identity.representation.reason_required', 'invalid', {}, { reason: 'identity.representation.reason_required' });
  if (reason.length > REASON_MAX) throw new AppError('identity.representation.reason_long', 'invalid', { max: REASON_MAX }, { reason: 'identity.representation.reason_long' });
  const at = deps.now();
  const status: RepresentationStatus = input.decision === 'approve' ? 'active' : 'rejected';
  const end = status === 'active' ? checkMandateEnd(input.validUntil, bucharestDay(at)) : { ok: null };
  if ('error' in end) throw new AppError(end.error, 'invalid', {}, { validUntil: end.error });
  return deps.db.transaction(async (tx) => {
    const row = isUuid(id) ? await findRepresentationRow(tx, id) : null;
    if (!row) throw new AppError('identity.representation.not_found', 'not_found');
    // Four eyes: whoever asks to act for a company is not the one who checks the mandate, in either direction.
    if (row.accountId === actor.accountId) throw new AppError('identity.representation.own', 'forbidden');
    const decided = await decidePendingRepresentation(tx, row.id, { status, decidedBy: actor.accountId, decidedAt: at, decisionReason: status === 'rejected' ? reason : null, validUntil: end.ok });
    if (!decided) throw new AppError('identity.representation.already_decided', 'conflict');
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: status === 'active' ? 'company_representative.approved' : 'company_representative.rejected',
      subjectId: row.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: { cui: row.cui, ...(end.ok ? { validUntil: end.ok } : {}) },
      ip: actor.ip,
    });
    await deps.notifier.enqueue(tx, {
      template: status === 'rejected' ? TEMPLATES.representationRejected : end.ok ? TEMPLATES.representationApprovedUntil : TEMPLATES.representationApproved,
      to: { accountId: row.accountId, email: row.email, locale: row.locale },
      data: {
        name: row.firstName ?? row.displayName,
        company: row.companyName,
        cui: row.cui,
        reason,
        url: `${deps.config.baseUrl}/cont`,
        ...(end.ok ? { validUntil: formatDate(`${end.ok}T12:00:00Z`) } : {}),
      },
    });
    return { status, companyName: row.companyName };
  });
}
