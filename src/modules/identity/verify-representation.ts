import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { sniffContentType } from '../../platform/storage/sniff.ts';
import type { IdentityDeps } from './module.ts';
import { account, company, companyRepresentative, person, type RepresentationStatus } from './schema.ts';
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
};

const columns = {
  id: companyRepresentative.id,
  status: companyRepresentative.status,
  requestedAt: companyRepresentative.createdAt,
  companyId: company.id,
  cui: company.cui,
  companyName: company.name,
  tradeRegisterNo: company.tradeRegisterNo,
  accountId: account.id,
  displayName: account.displayName,
  email: account.email,
  locale: account.locale,
  firstName: person.firstName,
  lastName: person.lastName,
  cnp: person.cnp,
  mandateFilename: companyRepresentative.mandateFilename,
  mandateSha256: companyRepresentative.mandateSha256,
  decidedAt: companyRepresentative.decidedAt,
  decisionReason: companyRepresentative.decisionReason,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]['_']['data'] | null };

const toRequest = (r: Row): RepresentationRequestRow => ({
  id: r.id!,
  status: r.status!,
  requestedAt: r.requestedAt!,
  company: { id: r.companyId!, cui: r.cui!, name: r.companyName!, tradeRegisterNo: r.tradeRegisterNo },
  person: { accountId: r.accountId!, name: [r.firstName, r.lastName].filter(Boolean).join(' ') || r.displayName!, email: r.email!, cnp: r.cnp },
  mandateFilename: r.mandateFilename,
  decidedAt: r.decidedAt,
  decisionReason: r.decisionReason,
});

function select(db: Executor) {
  return db
    .select(columns)
    .from(companyRepresentative)
    .innerJoin(company, eq(company.id, companyRepresentative.companyId))
    .innerJoin(account, eq(account.id, companyRepresentative.accountId))
    .leftJoin(person, eq(person.accountId, account.id));
}

/** The representations waiting for their mandate to be checked, oldest first (first asked, first answered). */
export async function listPendingRepresentations(deps: Pick<IdentityDeps, 'db'>, actor: Actor): Promise<RepresentationRequestRow[]> {
  requireVerifier(actor);
  const rows = await select(deps.db).where(eq(companyRepresentative.status, 'pending')).orderBy(asc(companyRepresentative.createdAt), asc(companyRepresentative.id));
  return rows.map(toRequest);
}

/** How many wait, for the officials' home page; null for someone who does not check mandates. */
export async function countPendingRepresentations(deps: Pick<IdentityDeps, 'db'>, actor: Actor): Promise<number | null> {
  if (!mayVerifyRepresentations(actor)) return null;
  return (await listPendingRepresentations(deps, actor)).length;
}

async function findRequest(db: Executor, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await select(db).where(eq(companyRepresentative.id, id));
  return row ?? null;
}

/** One request, with the person's identity: reading it is recorded in the person's access log. */
export async function getRepresentationRequest(deps: Pick<IdentityDeps, 'db'>, actor: Actor, id: string): Promise<RepresentationRequestRow> {
  requireVerifier(actor);
  return deps.db.transaction(async (tx) => {
    const row = await findRequest(tx, id);
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
  const row = await findRequest(deps.db, id);
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

export type RepresentationDecision = { decision: 'approve' | 'reject'; reason?: unknown };
export const REASON_MAX = 1000;

/**
 * The official's decision on a mandate: approved, the person acts for the company from their next page; refused, with a
 * reason the person reads in their e-mail and on their account (they may send a new mandate). A request already decided
 * by a colleague is not decided twice.
 */
export async function decideRepresentation(deps: Pick<IdentityDeps, 'db' | 'now' | 'notifier' | 'config'>, actor: Actor, id: string, input: RepresentationDecision): Promise<{ status: RepresentationStatus }> {
  requireVerifier(actor);
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (input.decision === 'reject' && !reason) throw new AppError('identity.representation.reason_required', 'invalid', {}, { reason: 'identity.representation.reason_required' });
  if (reason.length > REASON_MAX) throw new AppError('identity.representation.reason_long', 'invalid', { max: REASON_MAX }, { reason: 'identity.representation.reason_long' });
  const at = deps.now();
  const status: RepresentationStatus = input.decision === 'approve' ? 'active' : 'rejected';
  return deps.db.transaction(async (tx) => {
    const row = await findRequest(tx, id);
    if (!row) throw new AppError('identity.representation.not_found', 'not_found');
    const [updated] = await tx
      .update(companyRepresentative)
      .set({ status, decidedBy: actor.accountId, decidedAt: at, decisionReason: status === 'rejected' ? reason : null })
      .where(and(eq(companyRepresentative.id, row.id), eq(companyRepresentative.status, 'pending')))
      .returning({ id: companyRepresentative.id });
    if (!updated) throw new AppError('identity.representation.already_decided', 'conflict');
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: status === 'active' ? 'company_representative.approved' : 'company_representative.rejected',
      subjectId: row.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: { cui: row.cui },
      ip: actor.ip,
    });
    await deps.notifier.enqueue(tx, {
      template: status === 'active' ? TEMPLATES.representationApproved : TEMPLATES.representationRejected,
      to: { accountId: row.accountId, email: row.email!, locale: row.locale ?? 'ro' },
      data: { name: row.firstName ?? row.displayName, company: row.companyName, cui: row.cui, reason, url: `${deps.config.baseUrl}/cont` },
    });
    return { status };
  });
}
