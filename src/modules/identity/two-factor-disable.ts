import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkSecondFactorCode, failedCodeError } from './two-factor-check-code.ts';
import { disableTotp, findTwoFactorAccount } from './two-factor-store.ts';

/** A citizen turns two-factor off with a current code. Officials cannot: it is mandatory for them. */
export async function disableTwoFactor(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: { actor: Actor; code: string }): Promise<void> {
  const { actor } = input;
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const acc = await findTwoFactorAccount(tx, actor.accountId);
    if (!acc) throw new AppError('not_found', 'not_found');
    if (acc.isOfficial) throw new AppError('two_factor.mandatory_for_officials', 'forbidden');
    if (!acc.totpEnabledAt || !acc.totpSecret) throw new AppError('two_factor.not_enabled', 'conflict');
    const check = await checkSecondFactorCode(tx, {
      accountId: actor.accountId,
      sealedSecret: acc.totpSecret,
      code: input.code,
      allowRecoveryCode: false,
      sessionSecret: deps.config.sessionSecret,
      now,
      ip: actor.ip,
      purpose: 'disable',
    });
    if (!check.ok) return check;
    await disableTotp(tx, actor.accountId, now);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'two_factor.disabled',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      ip: actor.ip,
    });
    return { ok: true as const };
  });
  if (!outcome.ok) throw failedCodeError(outcome);
}
