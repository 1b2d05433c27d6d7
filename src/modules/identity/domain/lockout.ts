import { addressBucket } from '../../../platform/ids/address-bucket.ts';

/**
 * Progressive lockout after repeated failed sign-ins: per address, per e-mail tried from one address, and per
 * e-mail across all addresses with a higher threshold — so a stranger who knows someone's e-mail cannot lock them
 * out with five wrong passwords, while guessing spread over many addresses is still stopped. A password reset
 * lifts the e-mail's locks.
 */
export const LOCK_AFTER_FAILURES = 5;
/** Failures of one e-mail from any addresses before it is locked everywhere. */
export const ACCOUNT_LOCK_AFTER_FAILURES = 20;
export const FIRST_LOCK_MINUTES = 1;
export const MAX_LOCK_MINUTES = 60;
/** Failures older than this are forgotten: five typos spread over a month do not lock anyone out. */
export const FAILURE_MEMORY_HOURS = 24;

/** How long to lock after the given number of consecutive failures: 1 minute at the threshold, doubling, at most an hour. */
export function lockMinutesAfter(failures: number, lockAfter = LOCK_AFTER_FAILURES): number | null {
  if (failures < lockAfter) return null;
  return Math.min(MAX_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** (failures - lockAfter));
}

/**
 * The time to name in "try again after…": the end of the lock rounded up to the whole minute. Rounded down, as a
 * time without seconds is, a lock until 12:01:40 reads "after 12:01", and whoever comes back then is refused again
 * with a time already past.
 */
export const retryTime = (lockedUntil: Date): Date => new Date(Math.ceil(lockedUntil.getTime() / 60_000) * 60_000);

export type ThrottleKey = { key: string; lockAfter: number };

/** The counters a password sign-in from `ip` for `email` moves. */
export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const e = email.trim().toLowerCase();
  const client = ip ? addressBucket(ip) : null;
  return [
    { key: `email:${e}`, lockAfter: ACCOUNT_LOCK_AFTER_FAILURES },
    ...(client ? [{ key: `email-ip:${e}|${client}`, lockAfter: LOCK_AFTER_FAILURES }, { key: `ip:${client}`, lockAfter: LOCK_AFTER_FAILURES }] : []),
  ];
}

/** The prefix of every per-address counter of an e-mail (a password reset clears them all). */
export const emailAddressKeysPrefix = (email: string) => `email-ip:${email.trim().toLowerCase()}|`;
