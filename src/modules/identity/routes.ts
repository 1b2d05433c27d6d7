import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import { ErrorBody } from '../../platform/http/api-schema.ts';
import { REPRESENTATION_STATUSES } from './schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { ProfileInput } from './domain/profile.ts';
import { PersonInput, validatePerson } from './domain/registration.ts';
import { getProfile, type OwnProfile } from './get-profile.ts';
import { requireActor, requirePartialActor } from './guards.ts';
import type { IdentityDeps } from './module.ts';
import { registerAccount } from './register-account.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';
import { verifySecondFactor } from './two-factor-verify-sign-in.ts';
import { updateProfile } from './update-profile.ts';
import { extendSession } from './extend-session.ts';
import { getSessionExpiry } from './get-session-expiry.ts';
import type { SessionExpiry } from './domain/session-expiry.ts';
import { clearSessionCookie, clientInfo, setSessionCookie } from './web.ts';

const Me = z.object({
  accountId: z.string(),
  email: z.string(),
  emailVerified: z.boolean(),
  displayName: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  locale: z.enum(['ro', 'en']),
  notifyEmail: z.boolean(),
  notifySms: z.boolean(),
  isOfficial: z.boolean(),
  totpEnabled: z.boolean(),
  companies: z.array(
    z.object({
      id: z.string().uuid().describe('The `companyId` to file a request for the company (POST /api/v1/drafts), once `active`'),
      representationId: z.string().uuid().describe('To give the representation up: POST /api/v1/representations/{representationId}/revocation'),
      cui: z.string(),
      name: z.string(),
      status: z.enum([...REPRESENTATION_STATUSES, 'expired']).describe('`expired`: approved, but past its last valid day — the person no longer acts for the company'),
      validUntil: z.string().nullable().describe('The mandate\u2019s last valid day (YYYY-MM-DD, inclusive), when the document sets one'),
      revocation: z
        .object({ at: z.string(), reason: z.string().nullable(), renounced: z.boolean().describe('true: the person gave it up; false: the registry revoked it, with `reason`') })
        .nullable()
        .describe('When the mandate was ended before its date (status `revoked`)'),
    }),
  ),
});

const toMe = (p: OwnProfile): z.infer<typeof Me> => ({
  accountId: p.accountId,
  email: p.email,
  emailVerified: p.emailVerified,
  displayName: p.displayName,
  firstName: p.firstName,
  lastName: p.lastName,
  phone: p.phone,
  address: p.address,
  locale: p.locale,
  notifyEmail: p.notifyEmail,
  notifySms: p.notifySms,
  isOfficial: p.isOfficial,
  totpEnabled: p.totpEnabled,
  companies: p.companies.map((c) => ({
    id: c.companyId,
    representationId: c.representationId,
    cui: c.cui,
    name: c.name,
    status: c.status,
    validUntil: c.validUntil,
    revocation: c.status === 'revoked' && c.revokedAt ? { at: c.revokedAt.toISOString(), reason: c.revocationReason, renounced: c.renouncedByPerson } : null,
  })),
});

const SessionTimes = z.object({
  endsAt: z.string().describe('When the session ends if nothing more is done with it: the idle timeout from its last activity, or its absolute limit if that comes first'),
  secondsLeft: z.number().int().describe('Seconds from this answer to `endsAt`, by the server\u2019s clock: count from this rather than from the device\u2019s date'),
  endsBy: z
    .enum(['inactivity', 'absolute_limit'])
    .describe('`absolute_limit`: the session ends at `absoluteEndsAt` whatever is done — keeping it alive gains nothing, save or send what is open now'),
  absoluteEndsAt: z.string().describe('The absolute limit set at sign-in (SESSION_ABSOLUTE_HOURS); activity never moves it'),
  idleMinutes: z.number().int().describe('The idle timeout (SESSION_IDLE_MINUTES)'),
});

const ERRORS_NOTE =
  'Errors answer `{ error: { code, message, fields? } }`; `fields` maps each invalid field to a specific code, e.g. `{ "cnp": "identity.cnp.checksum" }`.';

export function registerIdentityRoutes(app: App, deps: IdentityDeps): void {
  app.post(
    '/api/v1/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal account',
        description: `Accepts a registration and answers 202 whatever happens next, which is told by e-mail: a new account (unverified, not signed in) gets a verification link; an e-mail that already has an account creates nothing, and its owner is told instead. The CNP is only declared: one that other accounts hold does not stop the registration (they are told by e-mail), and ROeID or the registry confirms it for one account. The answer never says whether an e-mail or a CNP is registered. Companies register through the web form (the mandate is a file upload). ${ERRORS_NOTE} Invalid input answers 400 with field codes; too many registrations from one address 429.`,
        body: PersonInput.extend({ locale: z.enum(['ro', 'en']).optional() }),
        response: { 202: z.object({ next: z.literal('check_email') }) },
      },
    },
    async (request, reply) => {
      const v = validatePerson(request.body);
      if (!v.ok) throw new AppError('validation', 'invalid', {}, v.errors);
      await registerAccount(deps, { person: v.value, locale: request.body.locale ?? request.locale, ip: request.ip });
      return reply.code(202).send({ next: 'check_email' as const });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description: `Sets the \`pd_session\` cookie and returns the CSRF token to send as \`x-csrf-token\` on later calls. \`next\` says what the session still owes: nothing (\`done\`), a TOTP code (\`second_factor\`: send it to \`POST /api/v1/auth/second-factor\`), or setting up TOTP (\`set_up_second_factor\`, officials: only on the web, at /cont/doi-factori). 401 \`identity.sign_in.invalid\` never says whether the email exists; 429 \`identity.sign_in.locked\` after repeated failures. ${ERRORS_NOTE}`,
        body: z.object({ email: z.string().max(254), password: z.string().max(1000) }),
        response: {
          200: z.object({ accountId: z.string(), next: z.enum(['done', 'second_factor', 'set_up_second_factor']), csrfToken: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, { email: request.body.email, password: request.body.password, ...clientInfo(request) });
      if (request.actor) await signOut(deps, request.actor, 'this');
      setSessionCookie(reply, deps, result.sessionToken);
      return { accountId: result.accountId, next: result.then, csrfToken: csrfTokenFor(deps.config.sessionSecret, result.sessionToken) };
    },
  );

  app.post(
    '/api/v1/auth/second-factor',
    {
      schema: {
        tags: ['auth'],
        summary: 'Second step of signing in: a TOTP code (or a recovery code) for a session whose `next` was `second_factor`',
        description: `Send the CSRF token the password step returned as \`x-csrf-token\`. On success the session gets a new \`pd_session\` cookie and a new CSRF token, returned here: the old ones stop working. 400 \`two_factor.wrong_code\` (field \`code\`); 401 \`unauthenticated\` without a session; 409 \`two_factor.not_enabled\` for an account without two-factor (officials set it up on the web, at /cont/doi-factori); 429 \`two_factor.locked\` after repeated wrong codes. ${ERRORS_NOTE}`,
        security: [{ session: [], csrf: [] }],
        body: z.object({ code: z.string().max(100) }),
        response: {
          200: z.object({ accountId: z.string(), next: z.literal('done'), csrfToken: z.string(), recoveryCodesLeft: z.number().int() }),
          400: ErrorBody,
          401: ErrorBody,
          409: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = requirePartialActor(request);
      const code = request.body.code.trim();
      if (!code) throw new AppError('two_factor.code_required', 'invalid', {}, { code: 'two_factor.code_required' });
      const passed = await verifySecondFactor(deps, { actor, code, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, deps, passed.sessionToken);
      return { accountId: actor.accountId, next: 'done' as const, csrfToken: csrfTokenFor(deps.config.sessionSecret, passed.sessionToken), recoveryCodesLeft: passed.recoveryCodesLeft };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out this session', security: [{ session: [], csrf: [] }], response: { 204: z.null() } } },
    async (request, reply) => {
      if (request.actor) await signOut(deps, request.actor, 'this');
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  const sessionTimes = (e: SessionExpiry): z.infer<typeof SessionTimes> => ({
    endsAt: e.endsAt.toISOString(),
    secondsLeft: e.secondsLeft,
    endsBy: e.endsBy,
    absoluteEndsAt: e.absoluteEndsAt.toISOString(),
    idleMinutes: deps.config.session.idleMinutes,
  });

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'When the signed-in session ends if nothing more is done',
        description: `Not counted as activity: asking does not keep the session alive (the pages' timeout warning asks it by itself). 401 \`unauthenticated\` once the session has ended. ${ERRORS_NOTE}`,
        security: [{ session: [] }],
        response: { 200: SessionTimes, 401: ErrorBody },
      },
      config: { passiveSession: true },
    },
    async (request) => sessionTimes(await getSessionExpiry(deps, requireActor(request))),
  );

  app.post(
    '/api/v1/auth/session/keep-alive',
    {
      schema: {
        tags: ['auth'],
        summary: 'Keep the signed-in session alive: its idle timeout starts again now',
        description: `What the pages' "Continuați sesiunea" button sends when the session is about to end for inactivity (WCAG 2.2.1). The session counts as active now — also within a minute of the last request, which otherwise is not written — and the answer says when it ends next. Never beyond its absolute limit: when that comes first, \`endsBy\` is \`absolute_limit\` and keeping alive again gains nothing. Send the CSRF token as \`x-csrf-token\`; no body. 401 \`unauthenticated\` once the session has ended (sign in again); 403 \`csrf\` without the token. ${ERRORS_NOTE}`,
        security: [{ session: [], csrf: [] }],
        response: { 200: SessionTimes, 401: ErrorBody, 403: ErrorBody },
      },
      // The use case writes the activity itself, at once; the usual touch would only write it a second time.
      config: { passiveSession: true },
    },
    async (request) => sessionTimes(await extendSession(deps, requireActor(request))),
  );

  app.get(
    '/api/v1/me',
    { schema: { tags: ['account'], summary: 'The signed-in account and its profile', security: [{ session: [] }], response: { 200: Me } } },
    async (request) => toMe(await getProfile(deps, requireActor(request))),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'Change one’s own profile',
        description: `Only the fields sent change. The email address cannot be changed here. ${ERRORS_NOTE}`,
        security: [{ session: [], csrf: [] }],
        body: ProfileInput,
        response: { 200: Me },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateProfile(deps as AppDeps, actor, request.body);
      return toMe(await getProfile(deps, actor));
    },
  );
}
