import type { AppDeps } from '../../app.ts';
import { issueAccountLink } from './account-tokens.ts';
import { findAccountByEmail, findProfile } from './store.ts';
import { TEMPLATES } from './templates.ts';

/**
 * Sends a fresh verification link to the account's own address (the older link stops working).
 * Anonymous callers give an email; the answer is the same whether or not it belongs to an account.
 */
export async function resendVerificationEmail(deps: AppDeps, input: { accountId: string } | { email: string }): Promise<void> {
  const accountId = 'accountId' in input ? input.accountId : (await findAccountByEmail(deps.db, input.email))?.id;
  if (!accountId) return;
  const profile = await findProfile(deps.db, accountId);
  if (!profile || profile.emailVerified) return;
  await deps.db.transaction(async (tx) => {
    const url = await issueAccountLink(tx, deps, accountId, 'verify_email');
    await deps.notifier.enqueue(tx, {
      template: TEMPLATES.verifyEmail,
      to: { accountId, email: profile.email, locale: profile.locale },
      data: { name: profile.displayName, url },
    });
  });
}
