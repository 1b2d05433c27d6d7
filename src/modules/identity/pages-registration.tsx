import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../app.ts';
import { multipartBody, readMultipartForm } from '../../platform/http/multipart.ts';
import { Button, Checkboxes, ErrorSummary, FileUpload, Form, H1, P, Radios, TextInput } from '../../platform/web/components.tsx';
import type { T } from '../../platform/i18n/i18n.ts';
import { type FieldErrors, validateCompany, validatePerson } from './domain/registration.ts';
import type { IdentityDeps } from './module.ts';
import { checkMandate, mandateLimit } from './check-mandate.ts';
import { keepMandate, mandateKept } from './kept-mandate.ts';
import { MANDATE_RENEWAL_DAYS } from './domain/mandate.ts';
import { registerAccount } from './register-account.ts';
import { requestRepresentation } from './request-representation.ts';
import { requireActor } from './guards.ts';
import { AppError } from '../../platform/http/errors.ts';
import { clientInfo, formFields, translateErrors } from './web.ts';
import { safeNext } from './domain/safe-next.ts';

/** Where a signed-in person adds a company they represent. */
export const ADD_COMPANY_PATH = '/cont/firme/adauga';

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * `retyping`: the form came back with errors. Passwords are never sent back to the browser, so the boxes are empty:
 * the person is told so where they look, instead of discovering it from a second round of errors.
 */
function PersonFields(props: { t: T; values: Record<string, string>; errors: Record<string, string>; retyping?: boolean }) {
  const { t, values, errors } = props;
  const passwordHint = props.retyping && !errors.password ? t('identity.field.password_again') : t('identity.field.password_hint');
  return (
    <>
      <TextInput name="firstName" label={t('identity.field.first_name')} value={values.firstName} error={errors.firstName} autocomplete="given-name" spellcheck={false} />
      <TextInput name="lastName" label={t('identity.field.last_name')} value={values.lastName} error={errors.lastName} autocomplete="family-name" spellcheck={false} />
      <TextInput
        name="cnp"
        label={t('identity.field.cnp')}
        hint={t('identity.field.cnp_hint')}
        value={values.cnp}
        error={errors.cnp}
        inputmode="numeric"
        width={20}
        spellcheck={false}
      />
      <TextInput
        name="email"
        type="email"
        label={t('identity.field.email')}
        hint={t('identity.field.email_hint')}
        value={values.email}
        error={errors.email}
        autocomplete="email"
        spellcheck={false}
      />
      <TextInput
        name="phone"
        type="tel"
        label={t('identity.field.phone')}
        hint={t('identity.field.phone_hint')}
        value={values.phone}
        error={errors.phone}
        autocomplete="tel"
        width={20}
      />
      <TextInput
        name="password"
        type="password"
        label={t('identity.field.password')}
        hint={passwordHint}
        error={errors.password}
        autocomplete="new-password"
      />
      <TextInput name="passwordConfirm" type="password" label={t('identity.field.password_confirm')} error={errors.passwordConfirm} autocomplete="new-password" />
    </>
  );
}

function Terms(props: { t: T; values: Record<string, string>; error?: string }) {
  const { t } = props;
  return (
    <>
      <Checkboxes
        name="acceptTerms"
        legend={t('identity.field.terms_legend')}
        items={[{ value: 'yes', label: t('identity.field.terms') }]}
        values={props.values.acceptTerms}
        error={props.error}
      />
      <P>
        <a class="govuk-link" href="/confidentialitate" target="_blank" rel="noopener">
          {t('identity.field.terms_link')}
        </a>
      </P>
    </>
  );
}

/**
 * The answer to every accepted form, whether it created an account or found the e-mail or CNP already registered
 * (register-account.ts says what each is told by e-mail): the page never tells which.
 */
function renderSent(request: FastifyRequest, reply: FastifyReply, email: string, company?: string) {
  const { t } = request;
  return reply.page(
    { title: t('identity.register.sent_title') },
    <>
      <H1>{t('identity.register.sent_title')}</H1>
      <P>{t('identity.register.sent_body', { email })}</P>
      <P>{t('identity.register.sent_next')}</P>
      {company ? <P>{t('identity.register.sent_company', { company })}</P> : null}
      <P>{t('identity.register.sent_spam')}</P>
      <P>
        <a class="govuk-link" href="/confirmare-email/retrimite">
          {t('identity.verify.request_new')}
        </a>
      </P>
    </>,
  );
}

/**
 * Where the newcomer was going when asked to sign in (`?next=` on the registration pages, kept from page to page):
 * after registering they carry on there instead of starting over from their account page.
 */
const nextOf = (request: FastifyRequest) => safeNext((request.query as Record<string, unknown> | undefined)?.next);
const keepingNext = (request: FastifyRequest, path: string) => {
  const next = nextOf(request);
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
};

function renderChoice(request: FastifyRequest, reply: FastifyReply, error?: string) {
  const { t } = request;
  const errors: Record<string, string> = error ? { kind: t(`errors.${error}`) } : {};
  return reply.page(
    { title: t('identity.register.title'), hasErrors: Boolean(error), status: error ? 400 : 200 },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <Form action={keepingNext(request, '/inregistrare')} csrfToken={request.csrfToken}>
        <Radios
          name="kind"
          legend={t('identity.register.kind_legend')}
          isPageHeading
          error={errors.kind}
          items={[
            { value: 'persoana', label: t('identity.register.kind_person'), hint: t('identity.register.kind_person_hint') },
            { value: 'companie', label: t('identity.register.kind_company'), hint: t('identity.register.kind_company_hint') },
          ]}
        />
        <Button>{t('common.continue')}</Button>
      </Form>
      <P>
        <a class="govuk-link" href="/autentificare">
          {t('identity.register.have_account')}
        </a>
      </P>
    </>,
  );
}

function renderPersonForm(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, codes: FieldErrors, status = 200) {
  const { t } = request;
  const errors = translateErrors(t, codes);
  const hasErrors = Object.keys(errors).length > 0;
  return reply.page(
    { title: t('identity.register.person_title'), hasErrors, status, backLink: { href: '/inregistrare' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.register.person_title')}</H1>
      <Form action={keepingNext(request, '/inregistrare/persoana')} csrfToken={request.csrfToken}>
        <PersonFields t={t} values={values} errors={errors} retyping={hasErrors} />
        <Terms t={t} values={values} error={errors.acceptTerms} />
        <Button>{t('identity.register.submit')}</Button>
      </Form>
    </>,
  );
}

function CompanyFields(props: { t: T; values: Record<string, string>; errors: Record<string, string> }) {
  const { t, values, errors } = props;
  return (
    <>
      <TextInput name="companyCui" label={t('identity.field.cui')} hint={t('identity.field.cui_hint')} value={values.companyCui} error={errors.companyCui} width={20} spellcheck={false} />
      <TextInput name="companyName" label={t('identity.field.company_name')} value={values.companyName} error={errors.companyName} autocomplete="organization" />
      <TextInput
        name="tradeRegisterNo"
        label={t('identity.field.trade_register')}
        hint={t('identity.field.trade_register_hint')}
        value={values.tradeRegisterNo}
        error={errors.tradeRegisterNo}
        width={20}
        spellcheck={false}
      />
    </>
  );
}

function MandateField(props: { t: T; mb: number; maxBytes: number; error?: string; accepted?: string; kept?: string }) {
  const { t } = props;
  const hint = props.kept
    ? t('identity.field.mandate_kept', { filename: props.kept })
    : props.accepted
      ? t('identity.field.mandate_again', { filename: props.accepted })
      : t('identity.field.mandate_hint', { mb: props.mb });
  return (
    <FileUpload
      name="mandate"
      label={t('identity.field.mandate')}
      hint={hint}
      error={props.error}
      accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
      maxBytes={props.maxBytes}
    />
  );
}

/**
 * A signed-in person adds a company they represent: the company's details and the mandate, nothing about themselves.
 * `kept`: a mandate that passed its checks on a form sent back for other errors, carried by a signed hidden field.
 */
function renderAddCompany(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  values: Record<string, string>,
  codes: FieldErrors,
  status = 200,
  kept?: { filename: string; token: string },
) {
  const { t } = request;
  const mb = megabytes(mandateLimit(deps));
  const errors = translateErrors(t, codes, { mb });
  return reply.page(
    { title: t('identity.company_add.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/cont' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.company_add.title')}</H1>
      <P>{t('identity.company_add.lead')}</P>
      <P>{t('identity.company_add.renewal_hint', { days: MANDATE_RENEWAL_DAYS })}</P>
      <Form action={ADD_COMPANY_PATH} csrfToken={request.csrfToken} multipart>
        <CompanyFields t={t} values={values} errors={errors} />
        {kept ? <input type="hidden" name="keptMandate" value={kept.token} /> : null}
        <MandateField t={t} mb={mb} maxBytes={mandateLimit(deps)} error={errors.mandate} kept={kept?.filename} />
        <Button>{t('identity.company_add.submit')}</Button>
      </Form>
    </>,
  );
}

/** `acceptedMandate`: the name of a mandate that passed its checks on a form sent back for other errors. */
function renderCompanyForm(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  values: Record<string, string>,
  codes: FieldErrors,
  status = 200,
  acceptedMandate?: string,
) {
  const { t } = request;
  const mb = megabytes(mandateLimit(deps));
  const errors = translateErrors(t, codes, { mb });
  const hasErrors = Object.keys(errors).length > 0;
  return reply.page(
    { title: t('identity.register.company_title'), hasErrors, status, backLink: { href: '/inregistrare' } },
    <>
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} />
      <H1>{t('identity.register.company_title')}</H1>
      <Form action={keepingNext(request, '/inregistrare/companie')} csrfToken={request.csrfToken} multipart>
        <h2 class="govuk-heading-m">{t('identity.register.company_section')}</h2>
        <CompanyFields t={t} values={values} errors={errors} />
        <h2 class="govuk-heading-m">{t('identity.register.representative_section')}</h2>
        <PersonFields t={t} values={values} errors={errors} retyping={hasErrors} />
        <h2 class="govuk-heading-m">{t('identity.register.mandate_section')}</h2>
        <MandateField t={t} mb={mb} maxBytes={mandateLimit(deps)} error={errors.mandate} accepted={acceptedMandate} />
        <Terms t={t} values={values} error={errors.acceptTerms} />
        <Button>{t('identity.register.submit')}</Button>
      </Form>
    </>,
  );
}

export function registerRegistrationPages(app: App, deps: IdentityDeps): void {
  const redirectIfSignedIn = (request: FastifyRequest, reply: FastifyReply) => (request.actor ? reply.redirect('/cont', 303) : null);

  app.get('/inregistrare', { schema: { hide: true } }, async (request, reply) => redirectIfSignedIn(request, reply) ?? renderChoice(request, reply));

  app.post('/inregistrare', { schema: { hide: true } }, async (request, reply) => {
    const kind = formFields(request.body).kind;
    if (kind === 'persoana' || kind === 'companie') return reply.redirect(keepingNext(request, `/inregistrare/${kind}`), 303);
    return renderChoice(request, reply, 'identity.kind.required');
  });

  app.get('/inregistrare/persoana', { schema: { hide: true } }, async (request, reply) => redirectIfSignedIn(request, reply) ?? renderPersonForm(request, reply, {}, {}));

  app.post('/inregistrare/persoana', { schema: { hide: true } }, async (request, reply) => {
    const values = formFields(request.body);
    const v = validatePerson(values);
    if (!v.ok) return renderPersonForm(request, reply, values, v.errors, 400);
    await registerAccount(deps, { person: v.value, locale: request.locale, ip: clientInfo(request).ip, next: nextOf(request) });
    return renderSent(request, reply, v.value.email);
  });

  // Multipart is parsed only in this scope: no other form of the site accepts file uploads by accident.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false, limits: { fileSize: mandateLimit(deps), files: 1 } });

    // Someone with an account does not need a second one to represent a company: they add it to theirs.
    scope.get('/inregistrare/companie', { schema: { hide: true } }, async (request, reply) =>
      request.actor ? reply.redirect(ADD_COMPANY_PATH, 303) : renderCompanyForm(request, reply, deps, {}, {}),
    );

    scope.get(ADD_COMPANY_PATH, { schema: { hide: true } }, async (request, reply) => {
      requireActor(request);
      // The account page's 'send the new mandate' link names the company (our own data): the person only adds the file.
      const q = request.query as { companyCui?: unknown; companyName?: unknown };
      const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : '');
      return renderAddCompany(request, reply, deps, { companyCui: text(q.companyCui), companyName: text(q.companyName) }, {});
    });

    scope.post(ADD_COMPANY_PATH, { schema: { hide: true }, preValidation: multipartBody(mandateLimit(deps), 1, 400) }, async (request, reply) => {
      const actor = requireActor(request);
      const form = readMultipartForm(request, deps.config.sessionSecret);
      const values = formFields(form.fields);
      const company = validateCompany(values);
      // A file chosen now replaces the one kept from the last try; without one, the kept one is checked again.
      const chosen = form.files.mandate?.[0];
      const secret = deps.config.sessionSecret;
      const upload = chosen && (chosen.filename || chosen.bytes.length) ? chosen : ((await mandateKept(deps.blobs, values.keptMandate, secret, request.csrfBinding)) ?? chosen);
      const mandate = await checkMandate(deps, upload);
      // Sent back with errors, a mandate that passed its checks is kept: the person does not have to choose it again.
      const again = async (errors: FieldErrors, status: number) =>
        renderAddCompany(request, reply, deps, values, errors, status, typeof mandate === 'string' ? undefined : await keepMandate(deps.blobs, mandate, secret, request.csrfBinding));
      if (!company.ok || typeof mandate === 'string') return again({ ...(company.ok ? {} : company.errors), ...(typeof mandate === 'string' ? { mandate } : {}) }, 400);
      let sent: { renewal: boolean };
      try {
        sent = await requestRepresentation(deps, actor, { company: company.value, mandate });
      } catch (err) {
        if (err instanceof AppError && err.fields) return again(err.fields, 409);
        throw err;
      }
      return reply.redirectWithFlash('/cont', request.t(sent.renewal ? 'identity.company_add.renewal_sent' : 'identity.company_add.sent', { company: company.value.name }));
    });

    scope.post(
      '/inregistrare/companie',
      {
        schema: { hide: true },
        preValidation: multipartBody(mandateLimit(deps), 1, 400, { uploaders: 'anyone' }),
      },
      async (request, reply) => {
        const form = readMultipartForm(request, deps.config.sessionSecret);
        const values = formFields(form.fields);
        const company = validateCompany(values);
        const person = validatePerson(values);
        const mandate = await checkMandate(deps, form.files.mandate?.[0]);
        const errors: FieldErrors = {
          ...(company.ok ? {} : company.errors),
          ...(person.ok ? {} : person.errors),
          ...(typeof mandate === 'string' ? { mandate } : {}),
        };
        if (!company.ok || !person.ok || typeof mandate === 'string') {
          // Terms come last on the page, so in the summary too.
          const { acceptTerms, ...rest } = errors;
          const accepted = typeof mandate === 'string' ? undefined : mandate.filename || '';
          return renderCompanyForm(request, reply, deps, values, acceptTerms ? { ...rest, acceptTerms } : rest, 400, accepted);
        }
        await registerAccount(deps, {
          person: person.value,
          company: { details: company.value, mandate },
          locale: request.locale,
          ip: clientInfo(request).ip,
          next: nextOf(request),
        });
        return renderSent(request, reply, person.value.email, company.value.name);
      },
    );
  });
}
