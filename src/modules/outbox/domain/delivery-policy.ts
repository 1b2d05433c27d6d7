/**
 * When a message is given up on. The delivery queue retries a job MAX_DELIVERY_ATTEMPTS - 1 times, 5 s after the
 * first failure and doubling up to RETRY_DELAY_MAX_SECONDS (src/platform/jobs/jobs.ts), so an SMTP server or SMS
 * gateway down for some 50 minutes (a restart, maintenance) loses no message; the outbox counts the attempts itself
 * because the job handler does not see pg-boss's count.
 */
export const MAX_DELIVERY_ATTEMPTS = 12;
export const RETRY_DELAY_MAX_SECONDS = 600;

/**
 * Deliveries one process makes at once (src/platform/jobs/jobs.ts: five workers, each running its batch of four at
 * once): a message whose server does not answer holds its worker until the client's timeout (SMTP 60 s), not the
 * messages fetched with it nor the queue. E-mails share the mailer's pool of 5 SMTP connections.
 */
export const DELIVERY_CONCURRENCY = 20;

/** A delivery attempt holds its message this long; longer than the SMTP and SMS client timeouts together. */
export const DELIVERY_LEASE_SECONDS = 180;

/**
 * A message still queued this long after it was last queued or tried has lost its job: the sweep re-queues it. Longer
 * than the longest wait between two attempts, or a message waiting for its next retry would get a second job.
 */
export const STALE_AFTER_SECONDS = RETRY_DELAY_MAX_SECONDS + 5 * 60;

export type FailureOutcome = 'failed' | 'retry';

/** A permanent refusal fails the message at once; a transient one is retried until the attempts run out. */
export function outcomeOfFailure(input: { attempts: number; permanent: boolean }): FailureOutcome {
  if (input.permanent) return 'failed';
  return input.attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'retry';
}
