import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AppModule, SESSION_COOKIE } from '../../app.ts';
import { AppError, httpStatusOf } from '../../platform/http/errors.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { H1, InsetText, P } from '../../platform/web/components.tsx';
import { SECOND_FACTOR_PATH, TWO_FACTOR_SETUP_PATH } from './guards.ts';
import { readOidcClaims } from './oidc-claims.ts';
import { OIDC_CALLBACK_PATH, oidcSettings } from './oidc-config.ts';
import { beginOidcSignIn, completeOidcSignIn, PendingOidcSignIn, safeNext } from './oidc-flow.ts';
import { oidcMessages } from './oidc-messages.ts';
import { OIDC_START_PATH, OidcSignInButton } from './oidc-sign-in-button.tsx';
import { signInWithOidc } from './oidc-sign-in.ts';
import { revokeSession } from './session-store.ts';

const PENDING_COOKIE = 'pd_oidc';
const PENDING_PATH = '/autentificare/oidc';
/** Long enough to sign in at the provider, short enough that a forgotten tab does not keep a usable state. */
const PENDING_SECONDS = 600;

const NextQuery = z.object({ next: z.string().max(500).optional() });

/** Sign-in through a generic OpenID Connect provider (ROeID, an eIDAS node): /autentificare/oidc/*. */
export const oidcModule: AppModule = {
  name: 'identity-oidc',
  register(app, deps) {
    registerMessages('identity-oidc', oidcMessages);
    const cookieBase = { path: PENDING_PATH, httpOnly: true, sameSite: 'lax' as const, secure: deps.config.secureCookies };

    app.get('/autentificare/oidc', { schema: { hide: true, querystring: NextQuery } }, async (request, reply) => {
      const settings = oidcSettings(deps.config);
      if (!settings) throw new AppError('not_found', 'not_found');
      const { t } = request;
      const name = settings.name;
      return reply.page(
        { title: t('oidc.info.title', { name }), backLink: { href: '/autentificare' } },
        <>
          <H1>{t('oidc.info.title', { name })}</H1>
          <P>{t('oidc.info.lead', { name })}</P>
          <P>{t('oidc.info.what_we_receive', { name })}</P>
          <P>{t('oidc.info.new_account')}</P>
          <InsetText>{t('oidc.info.officials')}</InsetText>
          <OidcSignInButton t={t} providerName={name} next={safeNext(request.query.next)} />
          <P>
            <a class="govuk-link" href="/autentificare">
              {t('oidc.info.password_instead')}
            </a>
          </P>
        </>,
      );
    });

    app.get(OIDC_START_PATH, { schema: { hide: true, querystring: NextQuery } }, async (request, reply) => {
      const settings = oidcSettings(deps.config);
      if (!settings) throw new AppError('not_found', 'not_found');
      let started: Awaited<ReturnType<typeof beginOidcSignIn>>;
      try {
        // A citizen already signed in (with a password) confirms their identity on their own account, whatever e-mail
        // the provider knows them by: the callback links it there, if this same session brings the browser back.
        const linkTo = request.actor?.mfaPassed && !request.actor.isOfficial ? request.actor.accountId : null;
        started = await beginOidcSignIn(settings, deps.config.env, { next: request.query.next ?? null, locale: request.locale, linkTo });
      } catch (err) {
        request.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'oidc discovery failed');
        return failurePage(request, reply, new AppError('oidc.unavailable', 'unavailable'));
      }
      reply.setCookie(PENDING_COOKIE, JSON.stringify(started.pending), { ...cookieBase, signed: true, maxAge: PENDING_SECONDS });
      return reply.redirect(started.url, 303);
    });

    app.get(OIDC_CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
      const settings = oidcSettings(deps.config);
      if (!settings) throw new AppError('not_found', 'not_found');
      const pending = readPending(request);
      // Single use: whatever happens next, this state cannot be replayed.
      reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
      try {
        if (!pending) throw new AppError('oidc.state_missing', 'invalid');
        const currentUrl = new URL(request.url, deps.config.baseUrl);
        const { issuer, claims: raw } = await completeOidcSignIn(settings, deps.config.env, request.log, { currentUrl, pending });
        const claims = readOidcClaims(raw, settings.cnpClaim);
        if (!claims) throw new AppError('oidc.invalid_response', 'invalid');
        const result = await signInWithOidc(deps, {
          issuer,
          claims,
          locale: request.locale,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          linkTo: pending.linkTo && request.actor?.accountId === pending.linkTo ? pending.linkTo : null,
        });
        // A new session replaces any earlier one in this browser (no session fixation).
        if (request.actor) await revokeSession(deps.db, request.actor.sessionId, deps.now());
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.secureCookies,
        });
        const next = pending.next ?? '/cont';
        if (result.next === 'second_factor') return reply.redirect(`${SECOND_FACTOR_PATH}?next=${encodeURIComponent(next)}`, 303);
        if (result.next === 'set_up_second_factor') return reply.redirect(`${TWO_FACTOR_SETUP_PATH}?next=${encodeURIComponent(next)}`, 303);
        return reply.redirect(next, 303);
      } catch (err) {
        if (err instanceof AppError) return failurePage(request, reply, err);
        throw err;
      }
    });
  },
};

function readPending(request: FastifyRequest): PendingOidcSignIn | null {
  const raw = request.cookies[PENDING_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const parsed = PendingOidcSignIn.safeParse(JSON.parse(unsigned.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What went wrong and what to do next, in the person's language; never a stack trace. */
function failurePage(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const { t } = request;
  if (request.headers.accept?.startsWith('application/json')) {
    return reply.code(httpStatusOf[error.kind]).send({ error: { code: error.code, message: t(`errors.${error.code}`) }, requestId: request.id });
  }
  return reply.page(
    { title: t('oidc.error.title'), status: httpStatusOf[error.kind] },
    <>
      <H1>{t('oidc.error.title')}</H1>
      <P>{t(`errors.${error.code}`)}</P>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={OIDC_START_PATH}>
            {t('oidc.error.try_again')}
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/autentificare">
            {t('oidc.error.password_instead')}
          </a>
        </li>
      </ul>
    </>,
  );
}
