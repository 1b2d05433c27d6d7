import type { Tx } from '../../db/database.ts';
import { recordAudit, PLATFORM_CHAIN } from '../../platform/audit/audit.ts';
import { openSecret } from '../../platform/auth/secret-box.ts';
import { AppError, rateLimited } from '../../platform/http/errors.ts';
import { hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.ts';
import { matchTotpStep } from './totp.ts';
import { FAILURE_MEMORY_HOURS, lockMinutesAfter, retryTime } from './domain/lockout.ts';
import { clearThrottle, countFailure, findLock, lockKey } from './store.ts';
import { claimTotpStep, consumeRecoveryCode } from './two-factor-store.ts';

/**
 * Wrong codes go through the same progressive lockout as passwords (domain/lockout.ts, table login_throttle),
 * under a key of their own per account: the 5th wrong code locks the second step, for longer each time.
 */
export const totpThrottleKey = (accountId: string) => `totp:${accountId}`;

export const totpSecretContext = (accountId: string) => `totp:${accountId}`;

export type CodeCheck = { ok: true; via: 'totp' | 'recovery' } | { ok: false; lockedUntil: Date | null };

/**
 * Checks a TOTP code (or, when allowed, a recovery code) for an account inside the caller's transaction.
 * A wrong code counts towards the lockout and is audited; the caller must let the transaction commit and
 * only then report the failure (see `failedCodeError`), or the count would be rolled back.
 */
export async function checkSecondFactorCode(
  tx: Tx,
  input: {
    accountId: string;
    sealedSecret: string;
    code: string;
    allowRecoveryCode: boolean;
    sessionSecret: string;
    now: Date;
    ip: string | null;
    purpose: 'sign_in' | 'setup' | 'disable' | 'regenerate';
  },
): Promise<CodeCheck> {
  const key = totpThrottleKey(input.accountId);
  const locked = await findLock(tx, [key], input.now);
  if (locked) throw lockedError(locked);

  let via: 'totp' | 'recovery' | null = null;
  const secret = openSecret(input.sessionSecret, input.sealedSecret, totpSecretContext(input.accountId));
  const step = matchTotpStep(secret, input.code, input.now);
  if (step !== null) {
    if (await claimTotpStep(tx, input.accountId, step, input.now)) via = 'totp';
  } else if (input.allowRecoveryCode && looksLikeRecoveryCode(input.code)) {
    if (await consumeRecoveryCode(tx, input.accountId, hashRecoveryCode(input.code), input.now)) via = 'recovery';
  }

  if (via) {
    await clearThrottle(tx, [key]);
    return { ok: true, via };
  }
  const failures = await countFailure(tx, key, input.now, new Date(input.now.getTime() - FAILURE_MEMORY_HOURS * 3600_000));
  const minutes = lockMinutesAfter(failures);
  const lockedUntil = minutes === null ? null : new Date(input.now.getTime() + minutes * 60_000);
  if (lockedUntil) await lockKey(tx, key, lockedUntil);
  await recordAudit(tx, {
    chain: PLATFORM_CHAIN,
    actorId: input.accountId,
    action: 'two_factor.code_refused',
    subjectId: input.accountId,
    entity: 'account',
    entityId: input.accountId,
    details: { purpose: input.purpose, failures, locked: lockedUntil !== null },
    ip: input.ip,
  });
  return { ok: false, lockedUntil };
}

export function lockedError(until: Date): AppError {
  return rateLimited('two_factor.locked', retryTime(until));
}

/** What to throw after the transaction that counted a wrong code has committed. */
export function failedCodeError(check: { lockedUntil: Date | null }): AppError {
  if (check.lockedUntil) return lockedError(check.lockedUntil);
  return new AppError('two_factor.wrong_code', 'invalid', {}, { code: 'two_factor.wrong_code' });
}
