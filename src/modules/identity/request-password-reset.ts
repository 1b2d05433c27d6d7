import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { issueAccountLink } from './account-tokens.ts';
import { countTry, enforceLimit } from './rate-limit.ts';
import { findAccountByEmail } from './store.ts';
import { TEMPLATES } from './templates.ts';
import { addressBucket } from '../../platform/ids/address-bucket.ts';

export const PASSWORD_RESET_JOB = 'identity.password_reset';

const RESETS_PER_EMAIL_PER_HOUR = 3;

export type PasswordResetJob = { email: string; ip: string | null };

/**
 * Asks for a one-hour, single-use reset link to be e-mailed when the address has an account. The caller shows the
 * same answer either way; for it to come just as fast either way, the request only counts the client address and
 * queues a job, the same work for any address. Looking the account up, issuing the link and writing the e-mail
 * happen in the job (`sendPasswordResetLink`), where whoever asked cannot time them.
 */
export async function requestPasswordReset(deps: AppDeps, input: { email: string; ip: string | null }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!email) return;
  await enforceLimit(deps.db, [`reset-ip:${addressBucket(input.ip)}`], { limit: deps.config.limits.passwordResetsPerHour, windowMinutes: 60 }, deps.now());
  await deps.jobs.send(PASSWORD_RESET_JOB, { email, ip: input.ip } satisfies PasswordResetJob);
}

/** The queued half: at most three links an hour to one address (then silently none), and only to an enabled account. */
export async function sendPasswordResetLink(deps: AppDeps, job: PasswordResetJob): Promise<void> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    if ((await countTry(tx, `reset-email:${job.email}`, now, new Date(now.getTime() - 3600_000))) > RESETS_PER_EMAIL_PER_HOUR) return;
    const found = await findAccountByEmail(tx, job.email);
    if (!found || found.disabled) return;
    const url = await issueAccountLink(tx, deps, found.id, 'reset_password');
    await deps.notifier.enqueue(tx, {
      template: TEMPLATES.resetPassword,
      to: { accountId: found.id, email: found.email, locale: found.locale },
      data: { name: found.displayName, url },
    });
    await recordAudit(tx, { chain: PLATFORM_CHAIN, actorId: null, action: 'account.password_reset_requested', subjectId: found.id, entity: 'account', entityId: found.id, ip: job.ip });
  });
}
