import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { issueAccountLink } from './account-tokens.ts';
import { countTry, enforceLimit } from './rate-limit.ts';
import { findAccountByEmail } from './store.ts';

const RESETS_PER_EMAIL_PER_HOUR = 3;
import { TEMPLATES } from './templates.ts';

/**
 * Emails a one-hour, single-use reset link when the address has an account. The caller shows the same answer
 * either way, so the form does not tell anyone whether an address is registered.
 */
export async function requestPasswordReset(deps: AppDeps, input: { email: string; ip: string | null }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!email) return;
  const now = deps.now();
  await enforceLimit(deps.db, [`reset-ip:${input.ip ?? 'unknown'}`], { limit: deps.config.limits.passwordResetsPerHour, windowMinutes: 60 }, now);
  // At most three links an hour to one address, silently (the answer must not differ for unknown addresses).
  if ((await countTry(deps.db, `reset-email:${email}`, now, new Date(now.getTime() - 3600_000))) > RESETS_PER_EMAIL_PER_HOUR) return;
  const found = await findAccountByEmail(deps.db, email);
  if (!found || found.disabled) return;
  await deps.db.transaction(async (tx) => {
    const url = await issueAccountLink(tx, deps, found.id, 'reset_password');
    await deps.notifier.enqueue(tx, {
      template: TEMPLATES.resetPassword,
      to: { accountId: found.id, email: found.email, locale: found.locale },
      data: { name: found.displayName, url },
    });
    await recordAudit(tx, { chain: PLATFORM_CHAIN, actorId: null, action: 'account.password_reset_requested', subjectId: found.id, entity: 'account', entityId: found.id, ip: input.ip });
  });
}
