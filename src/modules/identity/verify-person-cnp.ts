import type { Tx } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { findPersonCnp, lockCnpHolders, releaseUnverifiedCnp, setVerifiedCnp } from './store.ts';

export type CnpVerification = 'verified' | 'already' | 'no_person' | 'held_by_verified';

/**
 * Records that the person of `accountId` proved `cnp` is theirs — an identity provider asserted it, or an official
 * checked their identity document. A CNP typed at registration is only declared, and any number of accounts may
 * declare the same one (a mistake, or someone posing as the person): the confirmation settles it, and the CNP is
 * taken off every other account that only declared it (audited for each). One confirmed elsewhere is left alone.
 */
export async function verifyPersonCnp(
  tx: Tx,
  input: { accountId: string; cnp: string; by: string; actorId: string | null; ip: string | null; at: Date },
): Promise<CnpVerification> {
  const own = await findPersonCnp(tx, input.accountId);
  if (!own) return 'no_person';
  if (own.cnp === input.cnp && own.verified) return 'already';
  const others = (await lockCnpHolders(tx, input.cnp)).filter((h) => h.accountId !== input.accountId);
  if (others.some((h) => h.verified)) return 'held_by_verified';
  for (const holder of others) {
    await releaseUnverifiedCnp(tx, holder.accountId);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: input.actorId,
      action: 'person.cnp_released',
      subjectId: holder.accountId,
      entity: 'account',
      entityId: holder.accountId,
      details: { reason: 'verified_elsewhere', by: input.by },
      ip: input.ip,
    });
  }
  await setVerifiedCnp(tx, input.accountId, input.cnp, input.by, input.at);
  await recordAudit(tx, {
    chain: PLATFORM_CHAIN,
    actorId: input.actorId,
    action: 'person.cnp_verified',
    subjectId: input.accountId,
    entity: 'account',
    entityId: input.accountId,
    details: { by: input.by, replaced: own.cnp !== null && own.cnp !== input.cnp },
    ip: input.ip,
  });
  return 'verified';
}
