import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import { AppError, retryAfter } from '../../platform/http/errors.ts';
import { Button, ButtonGroup, ErrorSummary, Form, H1, P, TextInput } from '../../platform/web/components.tsx';
import { getPublishedService } from '../catalog/get-published-service.ts';
import { safeNext } from './domain/safe-next.ts';
import { validateEmail } from './domain/registration.ts';
import { oidcSettings } from './oidc-config.ts';
import { OidcSignInButton } from './oidc-sign-in-button.tsx';
import { findResetLinkAccount, resetPassword } from './reset-password.ts';
import { requestPasswordReset } from './request-password-reset.ts';
import { requestVerificationEmail, resendVerificationEmail } from './resend-verification-email.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';
import { verifyEmail } from './verify-email.ts';
import { afterPassword, clearSessionCookie, clientInfo, formFields, homeOf, setSessionCookie, translateErrors } from './web.ts';

/** The start of an application for a service (`/servicii/<institution>/<code>/cerere`, where "Depuneți cererea online" leads). */
const APPLICATION_START = /^\/servicii\/([\w-]{1,100})\/([\w-]{1,100})\/cerere$/;

/**
 * The service whose application a visitor is sent to sign in for, named as its catalogue names it; null for any other
 * destination. Looked up from the path, never taken from the address: a link cannot make the page name something else.
 */
async function serviceToApplyFor(deps: AppDeps, next: string | null): Promise<{ ro: string; en: string } | null> {
  const m = next ? APPLICATION_START.exec(next) : null;
  if (!m) return null;
  try {
    return (await getPublishedService(deps, { institution: m[1]!, code: m[2]! })).definition.name;
  } catch (err) {
    if (err instanceof AppError && err.kind === 'not_found') return null;
    throw err;
  }
}

async function renderSignIn(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, values: Record<string, string>, errors: Record<string, string> = {}, status = 200) {
  const { t } = request;
  const next = safeNext(values.next);
  const service = await serviceToApplyFor(deps, next);
  const oidc = oidcSettings(deps.config);
  return reply.page(
    { title: t('identity.sign_in.title'), hasErrors: Object.keys(errors).length > 0, status },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.sign_in.title')}</H1>
      {/* Sent here by "Depuneți cererea online" or an ended session: say why, and that an account is quick to make. */}
      {service ? <P>{t('identity.sign_in.lead_service', { service: service[t.locale] })}</P> : null}
      {next ? <P>{t(service ? 'identity.sign_in.lead_service_account' : 'identity.sign_in.lead_next')}</P> : null}
      <Form action="/autentificare" csrfToken={request.csrfToken}>
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextInput name="email" type="email" label={t('identity.field.email')} value={values.email} error={errors.email} autocomplete="username" spellcheck={false} />
        <TextInput name="password" type="password" label={t('identity.field.password')} error={errors.password} autocomplete="current-password" />
        <Button>{t('identity.sign_in.submit')}</Button>
      </Form>
      {oidc ? <OidcSignInButton t={t} providerName={oidc.name} next={next} /> : null}
      <P>
        <a class="govuk-link" href="/parola-uitata">
          {t('identity.sign_in.forgot')}
        </a>
      </P>
      <P>
        <a class="govuk-link" href={next ? `/inregistrare?next=${encodeURIComponent(next)}` : '/inregistrare'}>
          {t('identity.sign_in.no_account')}
        </a>
      </P>
    </>,
  );
}

function renderLinkInvalid(request: FastifyRequest, reply: FastifyReply, kind: 'verify' | 'reset', next?: string | null) {
  const { t } = request;
  return reply.page(
    { title: t(`identity.${kind}.invalid_title`), status: 400 },
    <>
      <H1>{t(`identity.${kind}.invalid_title`)}</H1>
      <P>{t(`identity.${kind}.invalid_body`)}</P>
      {kind === 'verify' ? (
        <>
          {/* Most often the link was simply opened twice: the account is confirmed, the person only needs to sign in. */}
          <P>{t('identity.verify.invalid_already')}</P>
          <ButtonGroup>
            <Button href={next ? `/autentificare?next=${encodeURIComponent(next)}` : '/autentificare'}>{t('identity.sign_in.submit')}</Button>
            <Button variant="secondary" href="/confirmare-email/retrimite">
              {t('identity.verify.request_new')}
            </Button>
          </ButtonGroup>
        </>
      ) : (
        <>
          {/* A link opened again after it did its work: the new password is set, signing in with it is the way on. */}
          <P>
            {t('identity.reset.invalid_already')}{' '}
            <a class="govuk-link" href="/autentificare">
              {t('identity.reset.invalid_sign_in')}
            </a>
          </P>
          <Button href="/parola-uitata">{t('identity.forgot.again')}</Button>
        </>
      )}
    </>,
  );
}

function renderReset(request: FastifyRequest, reply: FastifyReply, token: string, codes: Record<string, string> = {}, status = 200) {
  const { t } = request;
  const errors = translateErrors(t, codes);
  return reply.page(
    { title: t('identity.reset.title'), hasErrors: Object.keys(errors).length > 0, status },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.reset.title')}</H1>
      <Form action="/resetare-parola" csrfToken={request.csrfToken}>
        <input type="hidden" name="token" value={token} />
        <TextInput
          name="password"
          type="password"
          label={t('identity.field.new_password')}
          hint={t('identity.field.password_hint')}
          error={errors.password}
          autocomplete="new-password"
        />
        <TextInput name="passwordConfirm" type="password" label={t('identity.field.new_password_confirm')} error={errors.passwordConfirm} autocomplete="new-password" />
        <Button>{t('identity.reset.submit')}</Button>
      </Form>
    </>,
  );
}

function renderForgot(request: FastifyRequest, reply: FastifyReply, email = '', codes: Record<string, string> = {}, status = 200) {
  const { t } = request;
  const errors = translateErrors(t, codes);
  return reply.page(
    { title: t('identity.forgot.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/autentificare' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.forgot.title')}</H1>
      <P>{t('identity.forgot.lead')}</P>
      <Form action="/parola-uitata" csrfToken={request.csrfToken}>
        <TextInput name="email" type="email" label={t('identity.field.email')} value={email} error={errors.email} autocomplete="email" spellcheck={false} />
        <Button>{t('identity.forgot.submit')}</Button>
      </Form>
    </>,
  );
}

function renderResend(request: FastifyRequest, reply: FastifyReply, email = '', codes: Record<string, string> = {}, status = 200) {
  const { t } = request;
  const errors = translateErrors(t, codes);
  const actor = request.actor?.mfaPassed ? request.actor : null;
  return reply.page(
    { title: t('identity.resend.title'), hasErrors: Object.keys(errors).length > 0, status },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.resend.title')}</H1>
      {actor?.emailVerified ? (
        <P>{t('identity.resend.already_verified')}</P>
      ) : (
        <>
          <P>{actor ? t('identity.resend.lead_signed_in', { email: actor.email }) : t('identity.resend.lead_anonymous')}</P>
          <Form action="/confirmare-email/retrimite" csrfToken={request.csrfToken}>
            {actor ? null : (
              <TextInput name="email" type="email" label={t('identity.field.email')} value={email} error={errors.email} autocomplete="email" spellcheck={false} />
            )}
            <Button>{t('identity.resend.submit')}</Button>
          </Form>
        </>
      )}
    </>,
  );
}

export function registerSignInPages(app: App, deps: AppDeps): void {
  app.get('/autentificare', { schema: { hide: true } }, async (request, reply) => {
    const next = (request.query as Record<string, unknown>).next;
    if (request.actor?.mfaPassed) return reply.redirect(safeNext(next) ?? homeOf(request.actor), 303);
    return renderSignIn(request, reply, deps, { next: typeof next === 'string' ? next : '' });
  });

  app.post('/autentificare', { schema: { hide: true } }, async (request, reply) => {
    const values = formFields(request.body);
    const { t } = request;
    const errors: Record<string, string> = {};
    if (!values.email?.trim()) errors.email = t('errors.identity.sign_in.email_required');
    if (!values.password) errors.password = t('errors.identity.sign_in.password_required');
    if (Object.keys(errors).length) return renderSignIn(request, reply, deps, values, errors, 400);
    try {
      const result = await signIn(deps, { email: values.email!, password: values.password!, ...clientInfo(request) });
      // A session that was open in this browser (another account, or a half-finished sign-in) ends here.
      if (request.actor) await signOut(deps, request.actor, 'this');
      setSessionCookie(reply, deps, result.sessionToken);
      return reply.redirect(afterPassword(result, values.next), 303);
    } catch (err) {
      if (err instanceof AppError && err.code.startsWith('identity.sign_in.')) {
        const status = err.kind === 'rate_limited' ? 429 : err.kind === 'forbidden' ? 403 : 401;
        retryAfter(reply, err);
        return renderSignIn(request, reply, deps, values, { email: t(`errors.${err.code}`, err.params) }, status);
      }
      throw err;
    }
  });

  app.post('/deconectare', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor) await signOut(deps, request.actor, 'this');
    clearSessionCookie(reply);
    return reply.redirectWithFlash('/', request.t('identity.sign_out.done'), 'info');
  });

  app.get('/confirmare-email', { schema: { hide: true } }, async (request, reply) => {
    const { token, next } = request.query as Record<string, unknown>;
    try {
      await verifyEmail(deps, { token: typeof token === 'string' ? token : '', ip: request.ip });
    } catch (err) {
      if (err instanceof AppError && err.code === 'identity.link_invalid') return renderLinkInvalid(request, reply, 'verify', safeNext(next));
      throw err;
    }
    // Back to where the newcomer was going when they registered (kept in the link), signing in first if needed.
    const target = safeNext(next);
    const destination = request.actor ? (target ?? '/cont') : target ? `/autentificare?next=${encodeURIComponent(target)}` : '/autentificare';
    return reply.redirectWithFlash(destination, request.t('identity.verify.done'));
  });

  app.get('/confirmare-email/retrimite', { schema: { hide: true } }, async (request, reply) => renderResend(request, reply));

  app.post('/confirmare-email/retrimite', { schema: { hide: true } }, async (request, reply) => {
    const actor = request.actor?.mfaPassed ? request.actor : null;
    if (actor) {
      await resendVerificationEmail(deps, { accountId: actor.accountId });
    } else {
      const email = validateEmail(formFields(request.body).email);
      if (typeof email !== 'string') return renderResend(request, reply, formFields(request.body).email, { email: email.error }, 400);
      await requestVerificationEmail(deps, { email, ip: clientInfo(request).ip });
    }
    return reply.redirectWithFlash(actor ? '/cont' : '/confirmare-email/retrimite', request.t('identity.resend.sent'), 'info');
  });

  app.get('/parola-uitata', { schema: { hide: true } }, async (request, reply) => renderForgot(request, reply));

  app.post('/parola-uitata', { schema: { hide: true } }, async (request, reply) => {
    const raw = formFields(request.body).email ?? '';
    const email = validateEmail(raw);
    if (typeof email !== 'string') return renderForgot(request, reply, raw, { email: email.error }, 400);
    await requestPasswordReset(deps, { email, ip: request.ip });
    const { t } = request;
    // The same page whether or not the address has an account.
    return reply.page(
      { title: t('identity.forgot.sent_title') },
      <>
        <H1>{t('identity.forgot.sent_title')}</H1>
        <P>{t('identity.forgot.sent_body', { email })}</P>
        <P>{t('identity.forgot.sent_spam')}</P>
        <P>
          <a class="govuk-link" href="/parola-uitata">
            {t('identity.forgot.again')}
          </a>
        </P>
      </>,
    );
  });

  app.get('/resetare-parola', { schema: { hide: true } }, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    if (typeof token !== 'string' || !(await findResetLinkAccount(deps, token))) return renderLinkInvalid(request, reply, 'reset');
    reply.header('referrer-policy', 'no-referrer');
    return renderReset(request, reply, token);
  });

  app.post('/resetare-parola', { schema: { hide: true } }, async (request, reply) => {
    const values = formFields(request.body);
    const token = values.token ?? '';
    try {
      await resetPassword(deps, { token, password: values.password ?? '', passwordConfirm: values.passwordConfirm ?? '', ip: request.ip });
    } catch (err) {
      if (err instanceof AppError && err.code === 'identity.link_invalid') return renderLinkInvalid(request, reply, 'reset');
      if (err instanceof AppError && err.fields) return renderReset(request, reply, token, err.fields, 400);
      throw err;
    }
    // Every session ended, this browser's included.
    clearSessionCookie(reply);
    return reply.redirectWithFlash('/autentificare', request.t('identity.reset.done'));
  });
}
