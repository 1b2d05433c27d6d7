import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { mandateState } from './domain/mandate.ts';
import type { IdentityDeps } from './module.ts';
import { findRepresentationRow, listRepresentativesInForce, revokeActiveRepresentation } from './store.ts';
import { TEMPLATES } from './templates.ts';
import { mayVerifyRepresentations, REASON_MAX } from './verify-representation.ts';

/**
 * Ends a mandate before its date. The registry revokes it, with a reason (e.g. the company's written notice that the
 * administrator left); the representative gives it up themselves, a reason optional. From the next request the person
 * no longer files for the company nor sees its cases (the row's change is announced to the identity cache); the cases
 * already filed stay the company's. The person and the company's other representatives in force are e-mailed. Someone
 * who neither holds the representation nor checks mandates gets 404, as for an id that does not exist. A mandate past its
 * last day is not revoked (409): it already binds nobody, and a revocation after it would read in the history as if the
 * person had acted for the company until then; a renewal waiting on it is refused instead.
 */
export async function revokeRepresentation(
  deps: Pick<IdentityDeps, 'db' | 'now' | 'notifier' | 'config'>,
  actor: Actor,
  id: string,
  input: { reason?: unknown },
): Promise<{ companyName: string; personName: string; renounced: boolean }> {
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length > REASON_MAX) throw new AppError('identity.representation.reason_long', 'invalid', { max: REASON_MAX }, { reason: 'identity.representation.reason_long' });
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const row = isUuid(id) ? await findRepresentationRow(tx, id) : null;
    const renounced = row?.accountId === actor.accountId;
    if (!row || (!renounced && !mayVerifyRepresentations(actor))) throw new AppError('identity.representation.not_found', 'not_found');
    if (mandateState(row.status, row.validUntil, bucharestDay(at)) === 'expired') {
      throw new AppError('identity.representation.expired', 'conflict', { date: formatDate(`${row.validUntil}T12:00:00Z`) });
    }
    if (!renounced && !reason) throw new AppError('identity.representation.revoke_reason_required', 'invalid', {}, { reason: 'identity.representation.revoke_reason_required' });
    if (!(await revokeActiveRepresentation(tx, row.id, { by: actor.accountId, at, reason: reason || null }))) throw new AppError('identity.representation.not_active', 'conflict');
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: renounced ? 'company_representative.renounced' : 'company_representative.revoked',
      subjectId: row.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: { cui: row.cui, ...(reason ? { reason } : {}), mandateSha256: row.mandateSha256 },
      ip: actor.ip,
    });
    const person = [row.firstName, row.lastName].filter(Boolean).join(' ') || row.displayName;
    const data = { company: row.companyName, cui: row.cui, person, reason, date: formatDate(at), url: `${deps.config.baseUrl}/cont` };
    await deps.notifier.enqueue(tx, {
      template: renounced ? TEMPLATES.representationRenounced : TEMPLATES.representationRevoked,
      to: { accountId: row.accountId, email: row.email, locale: row.locale },
      data: { ...data, name: row.firstName ?? row.displayName },
    });
    for (const to of await listRepresentativesInForce(tx, row.companyId, bucharestDay(at))) {
      await deps.notifier.enqueue(tx, { template: TEMPLATES.representationEndedOther, to: { accountId: to.accountId, email: to.email, locale: to.locale }, data: { ...data, name: to.displayName } });
    }
    return { companyName: row.companyName, personName: person, renounced };
  });
}
