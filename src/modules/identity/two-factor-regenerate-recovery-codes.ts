import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import { checkSecondFactorCode, failedCodeError } from './two-factor-check-code.ts';
import { findTwoFactorAccount, replaceRecoveryCodes } from './two-factor-store.ts';

/**
 * Replaces every recovery code (used or not) with 10 new ones, returned once — against a current code from the
 * authenticator (or one of the recovery codes), as turning two-factor off is: a session left open on someone else's
 * screen must not be enough to mint codes that pass the second step from anywhere.
 */
export async function regenerateRecoveryCodes(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: { actor: Actor; code: string }): Promise<string[]> {
  const { actor } = input;
  if (!actor.mfaPassed) throw new AppError('unauthenticated', 'unauthenticated');
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const acc = await findTwoFactorAccount(tx, actor.accountId);
    if (!acc?.totpEnabledAt || !acc.totpSecret) throw new AppError('two_factor.not_enabled', 'conflict');
    const check = await checkSecondFactorCode(tx, {
      accountId: actor.accountId,
      sealedSecret: acc.totpSecret,
      code: input.code,
      allowRecoveryCode: true,
      sessionSecret: deps.config.sessionSecret,
      now,
      ip: actor.ip,
      purpose: 'regenerate',
    });
    if (!check.ok) return check;
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
    return { ok: true as const, codes };
  });
  if (!outcome.ok) throw failedCodeError(outcome);
  return outcome.codes;
}
