import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import { findTwoFactorAccount, replaceRecoveryCodes } from './two-factor-store.ts';

/** Replaces every recovery code (used or not) with 10 new ones, returned once. */
export async function regenerateRecoveryCodes(deps: Pick<AppDeps, 'db'>, input: { actor: Actor }): Promise<string[]> {
  const { actor } = input;
  if (!actor.mfaPassed) throw new AppError('unauthenticated', 'unauthenticated');
  return deps.db.transaction(async (tx) => {
    const acc = await findTwoFactorAccount(tx, actor.accountId);
    if (!acc?.totpEnabledAt) throw new AppError('two_factor.not_enabled', 'conflict');
    const codes = generateRecoveryCodes();
    await replaceRecoveryCodes(tx, actor.accountId, codes.map(hashRecoveryCode));
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'two_factor.recovery_codes_regenerated',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      ip: actor.ip,
    });
    return codes;
  });
}
