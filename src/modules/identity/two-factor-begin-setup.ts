import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { openSecret, sealSecret } from '../../platform/auth/secret-box.ts';
import { AppError } from '../../platform/http/errors.ts';
import { generateTotpSecret, totpUri } from './totp.ts';
import { totpSecretContext } from './two-factor-check-code.ts';
import { findTwoFactorAccount, storePendingTotpSecret } from './two-factor-store.ts';

export type TwoFactorSetup = { secret: string; uri: string };

/**
 * Gives the secret to scan. A secret already pending for the account is shown again, so reloading the page
 * does not invalidate what the person has just scanned; a new one is made only when none is pending.
 */
export async function beginTwoFactorSetup(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: { actor: Actor; issuer: string }): Promise<TwoFactorSetup> {
  const { actor } = input;
  const context = totpSecretContext(actor.accountId);
  return deps.db.transaction(async (tx) => {
    const acc = await findTwoFactorAccount(tx, actor.accountId);
    if (!acc) throw new AppError('not_found', 'not_found');
    if (acc.totpEnabledAt) throw new AppError('two_factor.already_enabled', 'conflict');
    let secret: string | null = null;
    if (acc.totpSecret) {
      try {
        secret = openSecret(deps.config.sessionSecret, acc.totpSecret, context);
      } catch {
        secret = null; // sealed under a previous session secret: start again
      }
    }
    if (!secret) {
      secret = generateTotpSecret();
      await storePendingTotpSecret(tx, actor.accountId, sealSecret(deps.config.sessionSecret, secret, context), deps.now());
    }
    return { secret, uri: totpUri(secret, acc.email, input.issuer) };
  });
}
