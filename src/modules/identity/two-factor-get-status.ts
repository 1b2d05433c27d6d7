import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { countUnusedRecoveryCodes, findTwoFactorAccount } from './two-factor-store.ts';

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; mandatory: boolean };

export async function getTwoFactorStatus(deps: Pick<AppDeps, 'db'>, input: { actor: Actor }): Promise<TwoFactorStatus> {
  const acc = await findTwoFactorAccount(deps.db, input.actor.accountId);
  const enabled = Boolean(acc?.totpEnabledAt);
  return {
    enabled,
    enabledAt: acc?.totpEnabledAt ?? null,
    recoveryCodesLeft: enabled ? await countUnusedRecoveryCodes(deps.db, input.actor.accountId) : 0,
    mandatory: Boolean(acc?.isOfficial),
  };
}
