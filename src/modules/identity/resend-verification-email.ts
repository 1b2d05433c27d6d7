import type { AppDeps } from '../../app.ts';
import { issueAccountLink } from './account-tokens.ts';
import { countTry, enforceLimit } from './rate-limit.ts';
import { findAccountByEmail, findProfile } from './store.ts';
import { TEMPLATES } from './templates.ts';
import { addressBucket } from '../../platform/ids/address-bucket.ts';

export const RESEND_VERIFICATION_JOB = 'identity.resend_verification';

/** Confirmation links to one address an hour, at most (then silently none): nobody can flood a mailbox with them. */
const RESENDS_PER_EMAIL_PER_HOUR = 3;

export type ResendVerificationJob = { email: string };

/** Sends a fresh verification link to the account's own address (the older link stops working), unless confirmed. */
export async function resendVerificationEmail(deps: AppDeps, input: { accountId: string }): Promise<void> {
  const profile = await findProfile(deps.db, input.accountId);
  if (!profile || profile.emailVerified) return;
  await deps.db.transaction(async (tx) => {
    const url = await issueAccountLink(tx, deps, input.accountId, 'verify_email');
    await deps.notifier.enqueue(tx, {
      template: TEMPLATES.verifyEmail,
      to: { accountId: input.accountId, email: profile.email, locale: profile.locale },
      data: { name: profile.displayName, url },
    });
  });
}

/**
 * Someone not signed in asks for the link again by typing an address. As for a password reset, the request only
 * counts the client address and queues a job — the same work whether or not the address has an account, so neither
 * the answer nor its time tells; the lookup and the e-mail happen in the job (`sendVerificationLinkTo`).
 */
export async function requestVerificationEmail(deps: AppDeps, input: { email: string; ip: string | null }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!email) return;
  await enforceLimit(deps.db, [`resend-ip:${addressBucket(input.ip)}`], { limit: deps.config.limits.passwordResetsPerHour, windowMinutes: 60 }, deps.now());
  await deps.jobs.send(RESEND_VERIFICATION_JOB, { email } satisfies ResendVerificationJob);
}

/** The queued half: at most three links an hour to one address, and only to an account not confirmed yet. */
export async function sendVerificationLinkTo(deps: AppDeps, job: ResendVerificationJob): Promise<void> {
  const now = deps.now();
  if ((await countTry(deps.db, `resend-email:${job.email}`, now, new Date(now.getTime() - 3600_000))) > RESENDS_PER_EMAIL_PER_HOUR) return;
  const found = await findAccountByEmail(deps.db, job.email);
  if (found && !found.disabled) await resendVerificationEmail(deps, { accountId: found.id });
}
