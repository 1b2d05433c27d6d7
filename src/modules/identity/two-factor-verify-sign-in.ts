import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkSecondFactorCode, failedCodeError } from './two-factor-check-code.ts';
import { rotateSessionPassingSecondFactor } from './two-factor-session.ts';
import { countUnusedRecoveryCodes, findTwoFactorAccount } from './two-factor-store.ts';

export type SecondFactorPassed = { sessionToken: string; via: 'totp' | 'recovery'; recoveryCodesLeft: number };

/**
 * The second step of signing in: a TOTP code (a step not used before) or an unused recovery code. On success the
 * session passes the second factor and gets a new token; a wrong code counts towards the lockout.
 */
export async function verifySecondFactor(
  deps: Pick<AppDeps, 'db' | 'config' | 'now'>,
  input: { actor: Actor; code: string; userAgent: string | null },
): Promise<SecondFactorPassed> {
  const { actor } = input;
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
      purpose: 'sign_in',
    });
    if (!check.ok) return check;
    const sessionToken = await rotateSessionPassingSecondFactor(tx, deps, actor, input.userAgent);
    const recoveryCodesLeft = await countUnusedRecoveryCodes(tx, actor.accountId);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: check.via === 'recovery' ? 'two_factor.recovery_code_used' : 'two_factor.passed',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      details: check.via === 'recovery' ? { recoveryCodesLeft } : {},
      ip: actor.ip,
    });
    return { ok: true as const, sessionToken, via: check.via, recoveryCodesLeft };
  });
  if (!outcome.ok) throw failedCodeError(outcome);
  return { sessionToken: outcome.sessionToken, via: outcome.via, recoveryCodesLeft: outcome.recoveryCodesLeft };
}
