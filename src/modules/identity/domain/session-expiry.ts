/**
 * When a session ends if its person does nothing more: after `idleMinutes` without activity, and never after its
 * absolute limit (set at sign-in; activity does not move it). `endsBy` says which of the two comes first: at
 * `absolute_limit`, keeping the session alive gains nothing, and the person should save or send their page now.
 */
export type SessionExpiry = {
  endsAt: Date;
  absoluteEndsAt: Date;
  endsBy: 'inactivity' | 'absolute_limit';
  /** From `now` to `endsAt`, whole seconds (a browser counts from this, not from its own clock's date). */
  secondsLeft: number;
};

export function sessionExpiry(input: { lastSeenAt: Date; absoluteEndsAt: Date; idleMinutes: number; now: Date }): SessionExpiry {
  const idleEndsAt = input.lastSeenAt.getTime() + input.idleMinutes * 60_000;
  const absolute = input.absoluteEndsAt.getTime();
  const endsAt = Math.min(idleEndsAt, absolute);
  return {
    endsAt: new Date(endsAt),
    absoluteEndsAt: input.absoluteEndsAt,
    endsBy: absolute <= idleEndsAt ? 'absolute_limit' : 'inactivity',
    secondsLeft: Math.max(0, Math.floor((endsAt - input.now.getTime()) / 1000)),
  };
}
