import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError, rateLimited } from '../../platform/http/errors.ts';
import { normaliseTrackingCode } from '../../platform/ids/tracking-code.ts';
import { FAILURE_MEMORY_HOURS, lockMinutesAfter } from '../identity/domain/lockout.ts';
import { clearThrottle, countFailure, findLock, lockKey } from '../identity/store.ts';
import { formatRegistryNumber, parseRegistryNumber } from '../registry/domain/registry-number.ts';
import { findAccountCnp, lockCaseByTrackingCode, setApplicantAccount } from './claim-store.ts';

/** Wrong attempts go through the sign-in lockout (table login_throttle) under a key of their own per account. */
export const claimThrottleKey = (accountId: string) => `claim:${accountId}`;

/** `cnp`: optional, the account's own is used (the person is not asked again for what their account holds). */
export type ClaimCaseInput = { actor: Actor; trackingCode: string; registryNumber: string; cnp?: string };

/**
 * Attaches a case filed at the counter for someone without an account (assisted channel) to that person's account.
 * Tracking code, registration number and CNP must all match the case, and the account's own CNP must be the one the
 * clerk recorded. Any mismatch answers one generic message — which field was wrong is never told, so the form cannot
 * be used to probe cases — and counts towards a progressive lock. A case already attached to this account, the
 * details all matching, answers as the first time (`duplicate`), so a repeated call is not taken for a wrong one.
 */
export async function claimCase(deps: Pick<AppDeps, 'db' | 'now'>, input: ClaimCaseInput): Promise<{ caseId: string; number: string; duplicate: boolean }> {
  const { actor } = input;
  const now = deps.now();
  const key = claimThrottleKey(actor.accountId);
  const outcome = await deps.db.transaction(async (tx) => {
    const locked = await findLock(tx, [key], now);
    if (locked) return { locked: locked as Date };
    const code = normaliseTrackingCode(input.trackingCode);
    const number = parseRegistryNumber(input.registryNumber);
    const found = code ? await lockCaseByTrackingCode(tx, code) : null;
    const accountCnp = await findAccountCnp(tx, actor.accountId);
    const cnp = input.cnp?.replace(/\s/g, '') || accountCnp;
    // Already this account's (the same call repeated after its answer was lost): answered as the first time.
    const attachedToCaller = found !== null && found.applicantAccountId === actor.accountId;
    const matches =
      found !== null &&
      number !== null &&
      (found.applicantAccountId === null || attachedToCaller) &&
      found.number === number.number &&
      found.registeredOn === number.day &&
      found.applicantCnp !== null &&
      found.applicantCnp === cnp &&
      accountCnp === cnp;
    if (found && matches && attachedToCaller) return { caseId: found.id, number: formatRegistryNumber(found.number, found.registeredOn), duplicate: true };
    if (found && matches && (await setApplicantAccount(tx, found.id, actor.accountId, now))) {
      await clearThrottle(tx, [key]);
      const display = formatRegistryNumber(found.number, found.registeredOn);
      await recordAudit(tx, {
        chain: found.institutionId,
        actorId: actor.accountId,
        action: 'case.claimed',
        subjectId: actor.accountId,
        entity: 'case',
        entityId: found.id,
        details: { number: display },
        ip: actor.ip,
      });
      return { caseId: found.id, number: display, duplicate: false };
    }
    const failures = await countFailure(tx, key, now, new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600_000));
    const minutes = lockMinutesAfter(failures);
    const until = minutes === null ? null : new Date(now.getTime() + minutes * 60_000);
    if (until) await lockKey(tx, key, until);
    await recordAudit(tx, {
      chain: found?.institutionId ?? PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'case.claim_refused',
      subjectId: actor.accountId,
      entity: 'case',
      entityId: found?.id ?? null,
      details: { failures, locked: until !== null },
      ip: actor.ip,
    });
    return { refused: true as const, until };
  });
  // The failure is counted in a committed transaction; only then is it reported.
  if ('locked' in outcome && outcome.locked) throw rateLimited('cases.claim_locked', outcome.locked);
  if ('refused' in outcome) {
    if (outcome.until) throw rateLimited('cases.claim_locked', outcome.until);
    throw new AppError('cases.claim_mismatch', 'invalid');
  }
  return outcome;
}
