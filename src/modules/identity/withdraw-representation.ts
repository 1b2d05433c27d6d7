import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import type { IdentityDeps } from './module.ts';
import { findRepresentationRow, withdrawWaitingRequest } from './store.ts';

/**
 * The person takes back their own request still waiting for the registry: a request to represent a company (it leaves
 * the registry's list and their account; they may ask again) or a renewal's new mandate (the current mandate stays
 * as it is, until its date). Someone else's representation is 404, as an id that does not exist; one with nothing
 * waiting (decided meanwhile) is 409. Audited with the withdrawn document's hash.
 */
export async function withdrawRepresentationRequest(
  deps: Pick<IdentityDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<{ companyName: string; renewal: boolean }> {
  return deps.db.transaction(async (tx) => {
    const row = isUuid(id) ? await findRepresentationRow(tx, id) : null;
    if (!row || row.accountId !== actor.accountId) throw new AppError('identity.representation.not_found', 'not_found');
    const renewal = row.status === 'active' && row.renewalRequestedAt !== null;
    if (!(row.status === 'pending' || renewal) || !(await withdrawWaitingRequest(tx, row.id, actor.accountId, renewal ? 'renewal' : 'request'))) {
      throw new AppError('identity.representation.nothing_to_withdraw', 'conflict');
    }
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: renewal ? 'company_representative.renewal_withdrawn' : 'company_representative.withdrawn',
      subjectId: actor.accountId,
      entity: 'company_representative',
      entityId: row.id,
      details: { companyId: row.companyId, cui: row.cui, mandateSha256: renewal ? row.renewalMandateSha256 : row.mandateSha256 },
      ip: actor.ip,
    });
    return { companyName: row.companyName, renewal };
  });
}
