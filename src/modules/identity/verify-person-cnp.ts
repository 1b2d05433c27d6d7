import type { Tx } from '../../db/database.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { findCnpHolder, findPersonCnp, releaseUnverifiedCnp, setVerifiedCnp } from './store.ts';

export type CnpVerification = 'verified' | 'already' | 'no_person' | 'held_by_verified';

/**
 * Records that the person of `accountId` proved `cnp` is theirs — an identity provider asserted it, or an official
 * checked their identity document. A CNP typed at registration is only declared: when another account declared this
 * one without proving it (a mistake, or someone posing as the person), it is taken off that account (audited for
 * both) — the real person is no longer locked out of their own CNP. One verified elsewhere is left alone.
 */
export async function verifyPersonCnp(
  tx: Tx,
  input: { accountId: string; cnp: string; by: string; actorId: string | null; ip: string | null; at: Date },
): Promise<CnpVerification> {
  const own = await findPersonCnp(tx, input.accountId);
  if (!own) return 'no_person';
  if (own.cnp === input.cnp && own.verified) return 'already';
  const holder = await findCnpHolder(tx, input.cnp);
  if (holder && holder.accountId !== input.accountId) {
    if (holder.verified) return 'held_by_verified';
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
