import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';

/** Where a signed-in person who still owes the second factor is sent. */
export const SECOND_FACTOR_PATH = '/autentificare/doi-factori';
/** Where an official without two-factor is sent to set it up (mandatory for officials). */
export const TWO_FACTOR_SETUP_PATH = '/cont/doi-factori';

/**
 * The signed-in actor who has passed every factor their account requires, or an error the edge turns into
 * a redirect to sign in (pages) or a 401 (API). Use cases take the actor and check permissions themselves.
 */
export function requireActor(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated', 'unauthenticated');
  if (!actor.mfaPassed) throw new AppError('second_factor_required', 'unauthenticated', {}, undefined);
  return actor;
}

/** Like requireActor, but also accepts a session that has not passed the second factor yet (the 2FA pages). */
export function requirePartialActor(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!actor) throw new AppError('unauthenticated', 'unauthenticated');
  return actor;
}

/** Officials must work with two-factor on; a session of an official without it only reaches the setup page. */
export function mustSetUpTwoFactor(actor: Actor): boolean {
  return actor.isOfficial && !actor.totpEnabled;
}
