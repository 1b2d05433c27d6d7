/**
 * The app's clock in a test (`deps.now`): the real time — the demo signing certificates are valid from yesterday —
 * plus whatever the test moves it on by. A TOTP code is accepted once per 30-second window per account, so every
 * sign-in or signature takes its code at `nextCode()`, 30 s after the last one: no code is ever replayed.
 */
export type TestClock = {
  now: () => Date;
  /** Moves the clock on (e.g. past the session's idle timeout) and returns the new time. */
  advance: (ms: number) => Date;
  /** Moves the clock on by one TOTP window and returns the time to take the next code at. */
  nextCode: () => Date;
};

export function testClock(): TestClock {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const advance = (ms: number) => {
    offset += ms;
    return now();
  };
  return { now, advance, nextCode: () => advance(30_000) };
}
