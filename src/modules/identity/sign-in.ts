import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from '../../platform/auth/password.ts';
import { AppError, rateLimited } from '../../platform/http/errors.ts';
import { FAILURE_MEMORY_HOURS, lockMinutesAfter, retryTime, throttleKeys } from './domain/lockout.ts';
import { insertSession } from './session-store.ts';
import { clearThrottle, countFailure, findAccountByEmail, findLock, lockKey, setPasswordHash } from './store.ts';

export type SignInInput = { email: string; password: string; ip: string | null; userAgent: string | null };

/** What the session still owes after the password: nothing, the TOTP code, or (officials) setting up TOTP. */
export type SignedIn = { sessionToken: string; accountId: string; then: 'done' | 'second_factor' | 'set_up_second_factor' };

const lockedError = (until: Date) => rateLimited('identity.sign_in.locked', retryTime(until));
const invalidError = () => new AppError('identity.sign_in.invalid', 'unauthenticated');

/**
 * Checks email and password with progressive lockout (domain/lockout.ts: per address, per e-mail and address, per e-mail). The error never says whether
 * the email has an account, and an unknown email costs the same hashing time as a known one.
 */
export async function signIn(deps: AppDeps, input: SignInInput): Promise<SignedIn> {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  const counters = throttleKeys(email, input.ip);
  const keys = counters.map((c) => c.key);
  const locked = await findLock(deps.db, keys, now);
  if (locked) throw lockedError(locked);

  const found = email && input.password ? await findAccountByEmail(deps.db, email) : null;
  const ok = found?.passwordHash ? await verifyPassword(found.passwordHash, input.password) : await verifyDummyPassword(input.password);
  if (!ok || !found) {
    let lockUntil: Date | null = null;
    const forgetBefore = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600_000);
    for (const { key, lockAfter } of counters) {
      const failures = await countFailure(deps.db, key, now, forgetBefore);
      const minutes = lockMinutesAfter(failures, lockAfter);
      if (minutes !== null) {
        const until = new Date(now.getTime() + minutes * 60_000);
        await lockKey(deps.db, key, until);
        if (!lockUntil || until > lockUntil) lockUntil = until;
      }
    }
    if (lockUntil) throw lockedError(lockUntil);
    throw invalidError();
  }
  if (found.disabled) throw new AppError('identity.sign_in.disabled', 'forbidden');

  const rehash = needsRehash(found.passwordHash!) ? await hashPassword(input.password) : null;
  const then: SignedIn['then'] = found.totpEnabled ? 'second_factor' : found.isOfficial ? 'set_up_second_factor' : 'done';
  const sessionToken = await deps.db.transaction(async (tx) => {
    await clearThrottle(tx, keys);
    if (rehash) await setPasswordHash(tx, found.id, rehash, now);
    const token = await insertSession(tx, {
      accountId: found.id,
      mfaPassed: then === 'done',
      ip: input.ip,
      userAgent: input.userAgent,
      absoluteHours: deps.config.session.absoluteHours,
      now,
    });
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: found.id,
      action: 'account.signed_in',
      subjectId: found.id,
      entity: 'account',
      entityId: found.id,
      details: { method: 'password', then },
      ip: input.ip,
    });
    return token;
  });
  return { sessionToken, accountId: found.id, then };
}
