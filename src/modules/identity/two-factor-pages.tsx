import type { FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppDeps, AppModule } from '../../app.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import { AppError, retryAfter } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import {
  Button,
  Details,
  ErrorSummary,
  type FieldErrors,
  Form,
  H1,
  InsetText,
  P,
  Panel,
  TextInput,
  WarningText,
} from '../../platform/web/components.tsx';
import { safeNext } from './domain/safe-next.ts';
import { requirePartialActor, SECOND_FACTOR_PATH, TWO_FACTOR_SETUP_PATH } from './guards.ts';
import { groupSecret } from './totp.ts';
import { beginTwoFactorSetup, type TwoFactorSetup } from './two-factor-begin-setup.ts';
import { confirmTwoFactorSetup } from './two-factor-confirm-setup.ts';
import { disableTwoFactor } from './two-factor-disable.ts';
import { getTwoFactorStatus, type TwoFactorStatus } from './two-factor-get-status.ts';
import { twoFactorMessages } from './two-factor-messages.ts';
import { regenerateRecoveryCodes } from './two-factor-regenerate-recovery-codes.ts';
import { verifySecondFactor } from './two-factor-verify-sign-in.ts';
import { homeOf, setSessionCookie } from './web.ts';

const NextQuery = z.object({ next: z.string().max(500).optional() });
// Loose: the CSRF check (a preHandler) reads `_csrf` from the validated body, which a strict schema would strip.
const CodeForm = z.looseObject({ code: z.string().max(100).optional(), next: z.string().max(500).optional() });
const RegenerateForm = z.looseObject({ regenerateCode: z.string().max(100).optional() });

const withNext = (path: string, next: string | null) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);

/** Turns a refused code into the field error the form shows; anything else goes to the error pages. */
function codeError(err: unknown): FieldErrors {
  if (err instanceof AppError && err.kind === 'invalid') return { code: `errors.${err.code}` };
  throw err;
}

/**
 * The session token changed in this response: the page rendered now must carry a CSRF token bound to the new
 * session and show the person as signed in.
 */
function adoptSession(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, token: string) {
  // The same cookie as after the password (one place sets it): the session's absolute lifetime as its Max-Age.
  setSessionCookie(reply, deps, token);
  request.csrfBinding = token;
  request.csrfToken = csrfTokenFor(deps.config.sessionSecret, token);
  if (request.actor) request.actor = { ...request.actor, mfaPassed: true, totpEnabled: true };
}

async function qrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Two-factor authentication: /cont/doi-factori (set up, status, recovery codes) and the second step of signing in. */
export const twoFactorModule: AppModule = {
  name: 'identity-two-factor',
  register(app, deps) {
    registerMessages('identity-two-factor', twoFactorMessages);
    const issuerOf = (request: FastifyRequest) => request.institution?.shortName ?? request.t('app.name');

    async function setupPage(request: FastifyRequest, reply: FastifyReply, setup: TwoFactorSetup, next: string | null, errors: FieldErrors) {
      const { t } = request;
      const actor = request.actor!;
      const translated = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
      return reply.page(
        { title: t('two_factor.title'), hasErrors: Object.keys(errors).length > 0, status: Object.keys(errors).length ? 400 : 200 },
        <>
          <ErrorSummary title={t('common.error_summary_title')} errors={translated} />
          <H1 caption={t('two_factor.caption')}>{t('two_factor.title')}</H1>
          {actor.isOfficial ? <WarningText assistive={t('common.warning')}>{t('two_factor.mandatory')}</WarningText> : null}
          <P>{t('two_factor.why')}</P>
          <h2 class="govuk-heading-m">{t('two_factor.step1_heading')}</h2>
          <P>{t('two_factor.step1_text')}</P>
          <h2 class="govuk-heading-m">{t('two_factor.step2_heading')}</h2>
          <p class="govuk-body">
            <img src={await qrDataUri(setup.uri)} alt={t('two_factor.qr_alt')} width={220} height={220} />
          </p>
          <Details summary={t('two_factor.manual_summary')}>
            <P>{t('two_factor.manual_text')}</P>
            <P>
              {t('two_factor.manual_key')}: <code id="totp-secret">{groupSecret(setup.secret)}</code>
            </P>
          </Details>
          <h2 class="govuk-heading-m">{t('two_factor.step3_heading')}</h2>
          <Form action="/cont/doi-factori" csrfToken={request.csrfToken}>
            {next ? <input type="hidden" name="next" value={next} /> : null}
            <TextInput
              name="code"
              label={t('two_factor.code_label')}
              hint={t('two_factor.code_hint')}
              error={translated.code}
              errorPrefix={t('common.error')}
              inputmode="numeric"
              autocomplete="one-time-code"
              spellcheck={false}
              width={5}
            />
            <Button>{t('two_factor.confirm')}</Button>
          </Form>
        </>,
      );
    }

    function statusPage(request: FastifyRequest, reply: FastifyReply, status: TwoFactorStatus, errors: FieldErrors) {
      const { t } = request;
      const translated = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
      return reply.page(
        { title: t('two_factor.title'), hasErrors: Object.keys(errors).length > 0, status: Object.keys(errors).length ? 400 : 200, backLink: { href: '/cont' } },
        <>
          <ErrorSummary title={t('common.error_summary_title')} errors={translated} />
          <H1 caption={t('two_factor.caption')}>{t('two_factor.title')}</H1>
          <P>{t('two_factor.status_on', { date: status.enabledAt ? formatDate(status.enabledAt) : '' })}</P>
          <h2 class="govuk-heading-m">{t('two_factor.recovery_heading')}</h2>
          <P>{t('two_factor.recovery_explain')}</P>
          <P>{t('two_factor.recovery_left', { count: status.recoveryCodesLeft })}</P>
          <Form action="/cont/doi-factori/coduri-noi" csrfToken={request.csrfToken}>
            <P size="s">{t('two_factor.regenerate_hint')}</P>
            <TextInput
              name="regenerateCode"
              label={t('two_factor.regenerate_code_label')}
              hint={t('two_factor.regenerate_code_hint')}
              error={translated.regenerateCode}
              errorPrefix={t('common.error')}
              autocomplete="one-time-code"
              spellcheck={false}
              width={10}
            />
            <Button variant="secondary">{t('two_factor.regenerate')}</Button>
          </Form>
          {status.mandatory ? (
            <InsetText>{t('two_factor.mandatory_on')}</InsetText>
          ) : (
            <>
              <h2 class="govuk-heading-m">{t('two_factor.disable_heading')}</h2>
              <Form action="/cont/doi-factori/dezactivare" csrfToken={request.csrfToken}>
                <TextInput
                  name="code"
                  label={t('two_factor.disable_code_label')}
                  error={translated.code}
                  errorPrefix={t('common.error')}
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  spellcheck={false}
                  width={5}
                />
                <Button variant="warning">{t('two_factor.disable')}</Button>
              </Form>
            </>
          )}
        </>,
      );
    }

    function codesPage(request: FastifyRequest, reply: FastifyReply, codes: string[], next: string | null, justEnabled: boolean) {
      const { t } = request;
      const file = [t('two_factor.codes_file_heading'), t('two_factor.codes_file_account', { email: request.actor?.email ?? '' }), '', ...codes, '', t('two_factor.codes_file_note'), ''].join('\n');
      return reply.page(
        { title: t('two_factor.codes_title') },
        <>
          {justEnabled ? <Panel title={t('two_factor.codes_enabled')} /> : null}
          {justEnabled ? <h2 class="govuk-heading-l">{t('two_factor.codes_title')}</h2> : <H1>{t('two_factor.codes_title')}</H1>}
          <WarningText assistive={t('common.warning')}>{t('two_factor.codes_once')}</WarningText>
          <h3 class="govuk-heading-s">{t('two_factor.codes_list')}</h3>
          <ol class="govuk-list govuk-list--number" id="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <P>
            <a class="govuk-link" href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="coduri-recuperare.txt">
              {t('two_factor.codes_download')}
            </a>
          </P>
          <P>{t('two_factor.codes_print')}</P>
          <Button href={next ?? '/cont'}>{t('two_factor.codes_continue')}</Button>
        </>,
      );
    }

    app.get('/cont/doi-factori', { schema: { hide: true, querystring: NextQuery } }, async (request, reply) => {
      const actor = requirePartialActor(request);
      const next = safeNext(request.query.next);
      // Someone who owes the code of an existing setup proves it first; only setting up is open before that.
      if (!actor.mfaPassed && actor.totpEnabled) return reply.redirect(withNext(SECOND_FACTOR_PATH, next ?? TWO_FACTOR_SETUP_PATH), 303);
      const status = await getTwoFactorStatus(deps, { actor });
      if (status.enabled) return statusPage(request, reply, status, {});
      const setup = await beginTwoFactorSetup(deps, { actor, issuer: issuerOf(request) });
      return setupPage(request, reply, setup, next, {});
    });

    app.post('/cont/doi-factori', { schema: { hide: true, body: CodeForm } }, async (request, reply) => {
      const actor = requirePartialActor(request);
      const next = safeNext(request.body.next);
      if (!actor.mfaPassed && actor.totpEnabled) return reply.redirect(withNext(SECOND_FACTOR_PATH, next), 303);
      const code = request.body.code?.trim() ?? '';
      let errors: FieldErrors = {};
      if (!code) errors = { code: 'errors.two_factor.code_required' };
      else {
        try {
          const done = await confirmTwoFactorSetup(deps, { actor, code, userAgent: request.headers['user-agent'] ?? null });
          adoptSession(deps, request, reply, done.sessionToken);
          return codesPage(request, reply, done.recoveryCodes, next, true);
        } catch (err) {
          errors = codeError(err);
        }
      }
      const setup = await beginTwoFactorSetup(deps, { actor, issuer: issuerOf(request) });
      return setupPage(request, reply, setup, next, errors);
    });

    app.post('/cont/doi-factori/coduri-noi', { schema: { hide: true, body: RegenerateForm } }, async (request, reply) => {
      const actor = requirePartialActor(request);
      if (!actor.mfaPassed) return reply.redirect(withNext(SECOND_FACTOR_PATH, TWO_FACTOR_SETUP_PATH), 303);
      const code = request.body.regenerateCode?.trim() ?? '';
      let errors: FieldErrors = { regenerateCode: 'errors.two_factor.code_required' };
      if (code) {
        try {
          return codesPage(request, reply, await regenerateRecoveryCodes(deps, { actor, code }), TWO_FACTOR_SETUP_PATH, false);
        } catch (err) {
          errors = { regenerateCode: codeError(err).code ?? 'errors.two_factor.wrong_code' };
        }
      }
      return statusPage(request, reply, await getTwoFactorStatus(deps, { actor }), errors);
    });

    app.post('/cont/doi-factori/dezactivare', { schema: { hide: true, body: CodeForm } }, async (request, reply) => {
      const actor = requirePartialActor(request);
      if (!actor.mfaPassed) return reply.redirect(withNext(SECOND_FACTOR_PATH, TWO_FACTOR_SETUP_PATH), 303);
      const code = request.body.code?.trim() ?? '';
      let errors: FieldErrors = {};
      if (!code) errors = { code: 'errors.two_factor.code_required' };
      else {
        try {
          await disableTwoFactor(deps, { actor, code });
          return reply.redirectWithFlash(TWO_FACTOR_SETUP_PATH, request.t('two_factor.disabled_flash'));
        } catch (err) {
          errors = codeError(err);
        }
      }
      return statusPage(request, reply, await getTwoFactorStatus(deps, { actor }), errors);
    });

    /**
     * The second step of signing in. Locked after too many wrong codes (`locked`: the message naming when to try
     * again), it is still this page — 429, the message on the code field, the form to use at that time — with a
     * way back to the password step, instead of a dead-end error page.
     */
    function signInStepPage(request: FastifyRequest, reply: FastifyReply, next: string | null, errors: FieldErrors, locked: string | null = null) {
      const { t } = request;
      const translated = locked ? { code: locked } : Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));
      const failed = Object.keys(translated).length > 0;
      return reply.page(
        { title: t('two_factor.signin_title'), hasErrors: failed, status: locked ? 429 : failed ? 400 : 200 },
        <>
          <ErrorSummary title={t('common.error_summary_title')} errors={translated} />
          <H1>{t('two_factor.signin_title')}</H1>
          <P>{t('two_factor.signin_intro')}</P>
          <Form action={withNext(SECOND_FACTOR_PATH, next)} csrfToken={request.csrfToken}>
            <TextInput
              name="code"
              label={t('two_factor.signin_code_label')}
              hint={t('two_factor.signin_code_hint')}
              error={translated.code}
              errorPrefix={t('common.error')}
              autocomplete="one-time-code"
              spellcheck={false}
              width={10}
            />
            <Button>{t('two_factor.signin_submit')}</Button>
          </Form>
          <Details summary={t('two_factor.signin_lost')}>
            <P>{t('two_factor.signin_lost_text')}</P>
          </Details>
          {locked ? (
            <P>
              <a class="govuk-link" href={withNext('/autentificare', next)}>
                {t('two_factor.signin_back')}
              </a>
            </P>
          ) : null}
        </>,
      );
    }

    /** Where the second step is not the right place: not signed in, already done, or nothing set up yet. */
    function redirectElsewhere(request: FastifyRequest, reply: FastifyReply, next: string | null): FastifyReply | null {
      const actor = request.actor;
      if (!actor) return reply.redirect(withNext('/autentificare', next), 303);
      if (actor.mfaPassed) return reply.redirect(next ?? homeOf(actor), 303);
      if (!actor.totpEnabled) return reply.redirect(withNext(TWO_FACTOR_SETUP_PATH, next), 303);
      return null;
    }

    app.get(SECOND_FACTOR_PATH, { schema: { hide: true, querystring: NextQuery } }, async (request, reply) => {
      const next = safeNext(request.query.next);
      return redirectElsewhere(request, reply, next) ?? signInStepPage(request, reply, next, {});
    });

    app.post(SECOND_FACTOR_PATH, { schema: { hide: true, querystring: NextQuery, body: CodeForm } }, async (request, reply) => {
      const next = safeNext(request.query.next ?? request.body.next);
      const elsewhere = redirectElsewhere(request, reply, next);
      if (elsewhere) return elsewhere;
      const code = request.body.code?.trim() ?? '';
      if (!code) return signInStepPage(request, reply, next, { code: 'errors.two_factor.code_required' });
      try {
        const passed = await verifySecondFactor(deps, { actor: request.actor!, code, userAgent: request.headers['user-agent'] ?? null });
        adoptSession(deps, request, reply, passed.sessionToken);
        const flash =
          passed.via === 'recovery'
            ? request.t('two_factor.recovery_used_flash', { count: passed.recoveryCodesLeft })
            : request.t('two_factor.signed_in_flash');
        return reply.redirectWithFlash(next ?? homeOf(request.actor), flash, passed.via === 'recovery' ? 'info' : 'success');
      } catch (err) {
        if (err instanceof AppError && err.kind === 'rate_limited') {
          retryAfter(reply, err);
          return signInStepPage(request, reply, next, {}, request.t(`errors.${err.code}`, err.params));
        }
        return signInStepPage(request, reply, next, codeError(err));
      }
    });
  },
};
