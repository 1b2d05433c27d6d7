import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { AppError } from '../../platform/http/errors.ts';
import { emailAddressKeysPrefix, throttleKeys } from './domain/lockout.ts';
import { type FieldErrors, validateNewPassword } from './domain/registration.ts';
import { hashToken, revokeAccountSessions } from './session-store.ts';
import { clearThrottle, consumeToken, findLiveToken, findProfile, markEmailVerified, setPasswordHash } from './store.ts';
import { TEMPLATES } from './templates.ts';

/** The account behind a reset link that can still be used, or null (unknown, used or expired). */
export async function findResetLinkAccount(deps: AppDeps, token: string): Promise<string | null> {
  if (!token || token.length > 100) return null;
  return findLiveToken(deps.db, hashToken(token), 'reset_password', deps.now());
}

/**
 * Sets a new password through an emailed link: the link is used up, every session of the account ends
 * (whoever knew the old password is signed out), the lockout is lifted and the owner is told by email.
 * Following the link also proves the address, so it counts as verified.
 */
export async function resetPassword(
  deps: AppDeps,
  input: { token: string; password: string; passwordConfirm: string; ip: string | null },
): Promise<{ accountId: string }> {
  const accountId = await findResetLinkAccount(deps, input.token);
  if (!accountId) throw new AppError('identity.link_invalid', 'invalid');
  const profile = await findProfile(deps.db, accountId);
  if (!profile) throw new AppError('identity.link_invalid', 'invalid');
  const errors: FieldErrors = {};
  const password = validateNewPassword(input.password, input.passwordConfirm, profile.email, errors);
  if (!password) throw new AppError('validation', 'invalid', {}, errors);
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const now = deps.now();
    const consumed = await consumeToken(tx, hashToken(input.token), 'reset_password', now);
    if (consumed !== accountId) throw new AppError('identity.link_invalid', 'invalid');
    await setPasswordHash(tx, accountId, passwordHash, now);
    await markEmailVerified(tx, accountId, now);
    const revoked = await revokeAccountSessions(tx, accountId, now);
    await clearThrottle(tx, throttleKeys(profile.email, null).map((k) => k.key), emailAddressKeysPrefix(profile.email));
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: accountId,
      action: 'account.password_reset',
      subjectId: accountId,
      entity: 'account',
      entityId: accountId,
      details: { sessionsRevoked: revoked },
      ip: input.ip,
    });
    await deps.notifier.enqueue(tx, {
      template: TEMPLATES.passwordChanged,
      to: { accountId, email: profile.email, locale: profile.locale },
      data: { name: profile.displayName },
    });
  });
  return { accountId };
}
