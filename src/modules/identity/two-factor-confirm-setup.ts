import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.ts';
import { checkSecondFactorCode, failedCodeError } from './two-factor-check-code.ts';
import { rotateSessionPassingSecondFactor } from './two-factor-session.ts';
import { enableTotp, findTwoFactorAccount, replaceRecoveryCodes } from './two-factor-store.ts';

export type ConfirmedSetup = { recoveryCodes: string[]; sessionToken: string };

/**
 * Turns two-factor on once the person proves their app produces the right code. The session passes the second
 * factor and is rotated (an official who signed in without two-factor becomes fully signed in), and 10 recovery
 * codes are made: returned once, stored only as hashes.
 */
export async function confirmTwoFactorSetup(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  input: { actor: Actor; code: string; userAgent: string | null },
): Promise<ConfirmedSetup> {
  const { actor } = input;
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const acc = await findTwoFactorAccount(tx, actor.accountId);
    if (!acc) throw new AppError('not_found', 'not_found');
    if (acc.totpEnabledAt) throw new AppError('two_factor.already_enabled', 'conflict');
    if (!acc.totpSecret) throw new AppError('two_factor.setup_expired', 'conflict');
    const check = await checkSecondFactorCode(tx, {
      accountId: actor.accountId,
      sealedSecret: acc.totpSecret,
      code: input.code,
      allowRecoveryCode: false,
      sessionSecret: deps.config.sessionSecret,
      now,
      ip: actor.ip,
      purpose: 'setup',
    });
    if (!check.ok) return check;
    if (!(await enableTotp(tx, actor.accountId, now))) throw new AppError('two_factor.already_enabled', 'conflict');
    const recoveryCodes = generateRecoveryCodes();
    await replaceRecoveryCodes(tx, actor.accountId, recoveryCodes.map(hashRecoveryCode));
    const sessionToken = await rotateSessionPassingSecondFactor(tx, deps, actor, input.userAgent);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'two_factor.enabled',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      details: { recoveryCodes: recoveryCodes.length },
      ip: actor.ip,
    });
    return { ok: true as const, recoveryCodes, sessionToken };
  });
  if (!outcome.ok) throw failedCodeError(outcome);
  return { recoveryCodes: outcome.recoveryCodes, sessionToken: outcome.sessionToken };
}
