import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { bucharestDay, type IsoDate } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { checkMandateEnd, mandateState } from './domain/mandate.ts';
import { samePerson } from './domain/same-person.ts';
import { normaliseCui } from '../../platform/ids/cui.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { sniffContentType } from '../../platform/storage/sniff.ts';
import type { IdentityDeps } from './module.ts';
import type { RepresentationStatus } from './schema.ts';
import {
  countRepresentationsToCheck,
  decidePendingRepresentation,
  decideRenewal,
  findCnpOfAccount,
  findLastRepresentationEvent,
  findRepresentationRow,
  listRepresentationRowsOfCompany,
  listRepresentationRowsToCheck,
  type RepresentationRow,
} from './store.ts';
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
  /** The state on the day it is read: an approved mandate past its last day is `expired` (the row still says active). */
  status: RepresentationStatus | 'expired';
  requestedAt: Date;
  company: { id: string; cui: string; name: string; tradeRegisterNo: string | null };
  person: { accountId: string; name: string; email: string; cnp: string | null };
  mandateFilename: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  /** The mandate's last valid day (inclusive), when the official set one on approving it. */
  validUntil: string | null;
  /** The next mandate, sent near or after the end of this one: what the registry checks while this one stays in force. */
  renewal: { requestedAt: Date; mandateFilename: string | null } | null;
  /** Ended before its date: by the registry (with its reason) or by the person (`renounced`). */
  revocation: { at: Date; reason: string | null; renounced: boolean } | null;
};

const toRequest = (r: RepresentationRow, today: IsoDate): RepresentationRequestRow => ({
  id: r.id,
  status: mandateState(r.status, r.validUntil, today),
  requestedAt: r.requestedAt,
  company: { id: r.companyId, cui: r.cui, name: r.companyName, tradeRegisterNo: r.tradeRegisterNo },
  person: { accountId: r.accountId, name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.displayName, email: r.email, cnp: r.cnp },
  mandateFilename: r.mandateFilename,
  decidedAt: r.decidedAt,
  decisionReason: r.decisionReason,
  validUntil: r.validUntil,
  renewal: r.renewalRequestedAt ? { requestedAt: r.renewalRequestedAt, mandateFilename: r.renewalMandateFilename } : null,
  revocation: r.status === 'revoked' && r.revokedAt ? { at: r.revokedAt, reason: r.revocationReason, renounced: r.revokedBy === r.accountId } : null,
});

/** A line of the list: who asks for which company, without the CNP, which only the audited detail shows. */
export type RepresentationSummaryRow = Omit<RepresentationRequestRow, 'person'> & { person: Omit<RepresentationRequestRow['person'], 'cnp'> };

const toSummary = (r: RepresentationRow, today: IsoDate): RepresentationSummaryRow => {
  const { person, ...rest } = toRequest(r, today);
  return { ...rest, person: { accountId: person.accountId, name: person.name, email: person.email } };
};

/**
 * The representations waiting for their mandate to be checked — new ones, and renewals of mandates ending or just
 * ended — oldest first (first asked, first answered). Every
 * registry clerk and administrator of the deployment reads this list, unaudited: it leaves out the person's CNP.
 */
export async function listPendingRepresentations(deps: Pick<IdentityDeps, 'db' | 'now'>, actor: Actor): Promise<RepresentationSummaryRow[]> {
  requireVerifier(actor);
  const today = bucharestDay(deps.now());
  return (await listRepresentationRowsToCheck(deps.db)).map((r) => toSummary(r, today));
}

/** A company's representations of every state, found by its CUI: how the registry reaches one to revoke it. Unaudited, without the CNP. */
export async function findCompanyRepresentations(deps: Pick<IdentityDeps, 'db' | 'now'>, actor: Actor, cuiTyped: string): Promise<RepresentationSummaryRow[]> {
  requireVerifier(actor);
  const cui = normaliseCui(cuiTyped);
  if (!cui) return [];
  const today = bucharestDay(deps.now());
  return (await listRepresentationRowsOfCompany(deps.db, cui)).map((r) => toSummary(r, today));
}

/** How many wait, for the officials' home page; null for someone who does not check mandates. */
export async function countPendingRepresentations(deps: Pick<IdentityDeps, 'db'>, actor: Actor): Promise<number | null> {
  if (!mayVerifyRepresentations(actor)) return null;
  return countRepresentationsToCheck(deps.db);
}

/**
 * Whether the official is the person on the request (four eyes): the same account, or one CNP — an official who also
 * has a citizen account, or whose own account's person record holds the CNP of the account that asks.
 */
async function isOwnRequest(db: Executor, actor: Actor, row: RepresentationRow): Promise<'account' | 'cnp' | null> {
  const cnp = row.accountId === actor.accountId ? null : await findCnpOfAccount(db, actor.accountId);
  return samePerson({ accountId: actor.accountId, cnps: [cnp] }, { accountId: row.accountId, cnps: [row.cnp] });
}

/**
 * One request, with the person's identity: reading it is recorded in the person's access log. `own` says whether the
 * official reading it is that person (then a colleague decides it).
 */
export async function getRepresentationRequest(
  deps: Pick<IdentityDeps, 'db' | 'now'>,
  actor: Actor,
  id: string,
): Promise<RepresentationRequestRow & { own: 'account' | 'cnp' | null }> {
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
    return { ...toRequest(row, bucharestDay(deps.now())), own: await isOwnRequest(tx, actor, row) };
  });
}

/** The mandate document itself — the renewal's, while one waits (the one to check); its download is audited too. */
export async function getMandateDocument(deps: Pick<IdentityDeps, 'db' | 'blobs'>, actor: Actor, id: string): Promise<{ filename: string; mediaType: string; bytes: Uint8Array }> {
  requireVerifier(actor);
  const row = isUuid(id) ? await findRepresentationRow(deps.db, id) : null;
  const sha256 = row?.renewalMandateSha256 ?? row?.mandateSha256;
  const bytes = sha256 ? await deps.blobs.get(sha256) : null;
  if (!row || !bytes) throw new AppError('identity.representation.not_found', 'not_found');
  await recordAudit(deps.db, {
    chain: PLATFORM_CHAIN,
    actorId: actor.accountId,
    action: 'company_representative.mandate_downloaded',
    subjectId: row.accountId,
    entity: 'company_representative',
    entityId: row.id,
    details: { sha256 },
    ip: actor.ip,
  });
  // A PDF, or a JPEG/PNG photo of the paper: checked by content when it was uploaded, named by content again here.
  return { filename: (row.renewalMandateSha256 ? row.renewalMandateFilename : row.mandateFilename) || 'imputernicire', mediaType: sniffContentType(bytes) ?? 'application/octet-stream', bytes };
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
): Promise<{ status: RepresentationStatus; companyName: string; renewal: boolean }> {
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
    // A request withdrawn by its person is gone (asking again inserts it anew): said as such, not as an unknown id.
    if (!row) throw (await withdrawnMeanwhile(tx, id, null)) ?? new AppError('identity.representation.not_found', 'not_found');
    // Four eyes: whoever asks to act for a company is not the one who checks the mandate, in either direction — nor is
    // the same person under another account (one CNP).
    const own = await isOwnRequest(tx, actor, row);
    if (own) throw new AppError(own === 'account' ? 'identity.representation.own' : 'identity.representation.own_cnp', 'forbidden');
    // A renewal extends the representation in force: approved, the new document and end date replace the current ones
    // (the previous document stays in the blob store, named by the audit entry); refused, the current one is untouched.
    const renewing = row.status === 'active' && row.renewalRequestedAt !== null;
    if (renewing && status === 'active' && end.ok !== null && row.validUntil !== null && end.ok <= row.validUntil) {
      throw new AppError('identity.representation.valid_until_not_later', 'invalid', { date: formatDate(`${row.validUntil}T12:00:00Z`) }, { validUntil: 'identity.representation.valid_until_not_later' });
    }
    const decided = renewing
      ? await decideRenewal(tx, row.id, { approved: status === 'active', decidedBy: actor.accountId, decidedAt: at, reason, validUntil: end.ok })
      : await decidePendingRepresentation(tx, row.id, { status, decidedBy: actor.accountId, decidedAt: at, decisionReason: status === 'rejected' ? reason : null, validUntil: end.ok });
    // Nothing waits any more: a colleague decided it, or the person withdrew it (before this decision or while it ran).
    if (!decided) throw (await withdrawnMeanwhile(tx, row.id, row.accountId)) ?? new AppError('identity.representation.already_decided', 'conflict');
    const action = renewing ? (status === 'active' ? 'company_representative.renewed' : 'company_representative.renewal_rejected') : status === 'active' ? 'company_representative.approved' : 'company_representative.rejected';
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action,
      subjectId: row.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: {
        cui: row.cui,
        ...(end.ok ? { validUntil: end.ok } : {}),
        ...(renewing ? { mandateSha256: row.renewalMandateSha256, previousMandateSha256: row.mandateSha256, previousValidUntil: row.validUntil } : {}),
      },
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
    return { status, companyName: row.companyName, renewal: renewing };
  });
}

/** The conflicts of a decision on a request its person withdrew since the official opened it. */
export const WITHDRAWN_MEANWHILE: ReadonlySet<string> = new Set(['identity.representation.withdrawn_meanwhile', 'identity.representation.renewal_withdrawn_meanwhile']);

/**
 * The conflict to answer when a decision finds nothing waiting because the person withdrew their request (or their
 * renewal's new mandate) since the official opened it: the last thing that happened to the representation is that
 * withdrawal. Null otherwise (a colleague decided it, or the id never existed).
 */
async function withdrawnMeanwhile(db: Executor, id: string, personAccountId: string | null): Promise<AppError | null> {
  if (!isUuid(id)) return null;
  const last = await findLastRepresentationEvent(db, id, personAccountId);
  if (last === 'company_representative.withdrawn') return new AppError('identity.representation.withdrawn_meanwhile', 'conflict');
  if (last === 'company_representative.renewal_withdrawn') return new AppError('identity.representation.renewal_withdrawn_meanwhile', 'conflict');
  return null;
}
