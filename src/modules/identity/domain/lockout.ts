/** Progressive lockout after repeated failed sign-ins, per email and per IP address. */
export const LOCK_AFTER_FAILURES = 5;
export const FIRST_LOCK_MINUTES = 1;
export const MAX_LOCK_MINUTES = 60;
/** Failures older than this are forgotten: five typos spread over a month do not lock anyone out. */
export const FAILURE_MEMORY_HOURS = 24;

/** How long to lock after the given number of consecutive failures: 1 minute at the 5th, doubling, at most an hour. */
export function lockMinutesAfter(failures: number): number | null {
  if (failures < LOCK_AFTER_FAILURES) return null;
  return Math.min(MAX_LOCK_MINUTES, FIRST_LOCK_MINUTES * 2 ** (failures - LOCK_AFTER_FAILURES));
}

export const throttleKeys = (email: string, ip: string | null) => [`email:${email.trim().toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
