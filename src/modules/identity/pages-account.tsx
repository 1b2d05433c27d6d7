import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppDeps, LANG_COOKIE, renderPageBody } from '../../app.ts';
import type { App } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/format.ts';
import { type T, translator } from '../../platform/i18n/i18n.ts';
import { RenderedBodies } from '../../platform/web/rendered-bodies.ts';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  Form,
  H1,
  InsetText,
  NotificationBanner,
  P,
  Radios,
  SummaryList,
  Table,
  Tag,
  TextInput,
  Textarea,
  WarningText,
} from '../../platform/web/components.tsx';
import { describeUserAgent } from './domain/user-agent.ts';
import { getProfile, type OwnProfile } from './get-profile.ts';
import { requireActor } from './guards.ts';
import { listSessions } from './list-sessions.ts';
import { signOut } from './sign-out.ts';
import { updateProfile } from './update-profile.ts';
import { ADD_COMPANY_PATH } from './pages-registration.tsx';
import { MANDATE_STATUS_COLOUR, renouncePath, withdrawPath } from './representation-pages.tsx';
import { oidcSettings } from './oidc-config.ts';
import { OIDC_START_PATH } from './oidc-sign-in-button.tsx';
import { clearSessionCookie, formFields, translateErrors } from './web.ts';

/** Shown on the account pages until the email address is confirmed. */
export function UnverifiedBanner(props: { t: T; actor: Actor }) {
  const { t, actor } = props;
  if (actor.emailVerified) return null;
  return (
    <NotificationBanner title={t('identity.banner.unverified_title')}>
      <p class="govuk-notification-banner__heading">{t('identity.banner.unverified_body', { email: actor.email })}</p>
      <p class="govuk-body">
        <a class="govuk-notification-banner__link" href="/confirmare-email/retrimite">
          {t('identity.banner.unverified_link')}
        </a>
      </p>
    </NotificationBanner>
  );
}

function renderProfile(request: FastifyRequest, reply: FastifyReply, profile: OwnProfile, values: Record<string, unknown>, codes: Record<string, string> = {}, status = 200) {
  const { t } = request;
  const errors = translateErrors(t, codes);
  return reply.page(
    { title: t('identity.profile.title'), hasErrors: Object.keys(errors).length > 0, status, backLink: { href: '/cont' } },
    <>
      {/* "SMS needs a phone" is shown on the notification choices: the summary leads to the SMS box (notify-2). */}
      <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={{ notifySms: 'notify-2' }} />
      <H1>{t('identity.profile.title')}</H1>
      <h2 class="govuk-heading-m">{t('identity.profile.identity_heading')}</h2>
      <SummaryList
        rows={[
          ...(profile.firstName ? [{ key: t('identity.profile.name'), value: `${profile.firstName} ${profile.lastName ?? ''}` }] : []),
          { key: t('identity.field.email'), value: profile.email },
        ]}
      />
      <InsetText>{t('identity.profile.email_change')}</InsetText>
      <Form action="/cont/profil" csrfToken={request.csrfToken}>
        <TextInput name="displayName" label={t('identity.field.display_name')} hint={t('identity.field.display_name_hint')} value={values.displayName} error={errors.displayName} autocomplete="name" />
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
        {profile.hasPerson ? (
          <Textarea name="address" label={t('identity.field.address')} value={values.address} error={errors.address} rows={3} />
        ) : null}
        <Checkboxes
          name="notify"
          legend={t('identity.field.notify_legend')}
          hint={t('identity.field.notify_hint')}
          values={values.notify}
          error={errors.notifySms}
          items={[
            { value: 'email', label: t('identity.field.notify_email') },
            { value: 'sms', label: t('identity.field.notify_sms') },
          ]}
        />
        <Radios
          name="locale"
          legend={t('identity.field.locale_legend')}
          value={values.locale}
          inline
          items={[
            { value: 'ro', label: t('identity.field.locale_ro') },
            { value: 'en', label: t('identity.field.locale_en') },
          ]}
        />
        <Button>{t('identity.profile.submit')}</Button>
      </Form>
    </>,
  );
}

const profileValues = (p: OwnProfile) => ({
  displayName: p.displayName,
  phone: p.phone ?? '',
  address: p.address ?? '',
  notify: [...(p.notifyEmail ? ['email'] : []), ...(p.notifySms ? ['sms'] : [])],
  locale: p.locale,
});

/**
 * Whether the person's identity is confirmed, and if not, how to confirm it: a CNP typed at registration is only
 * declared (another account may declare it too), and the services whose answer holds personal data need it confirmed.
 */
function IdentityState(props: { t: T; profile: OwnProfile; provider: string | null }) {
  const { t, profile, provider } = props;
  if (profile.cnpVerified) {
    return (
      <>
        <h2 class="govuk-heading-m">{t('identity.account.identity')}</h2>
        <P>{t('identity.account.identity_confirmed')}</P>
      </>
    );
  }
  return (
    <>
      <h2 class="govuk-heading-m">{t('identity.account.identity')}</h2>
      <P>{t(profile.cnp ? 'identity.account.identity_declared' : 'identity.account.identity_none')}</P>
      <p class="govuk-body">
        {provider ? (
          <>
            <a class="govuk-link" href={`${OIDC_START_PATH}?next=${encodeURIComponent('/cont')}`}>
              {t('identity.account.identity_confirm_provider', { provider })}
            </a>{' '}
            {t('identity.account.identity_confirm_or_counter')}
          </>
        ) : (
          t('identity.account.identity_confirm_counter')
        )}
      </p>
    </>
  );
}

export function registerAccountPages(app: App, deps: AppDeps): void {
  // The account home is the page a person opens most: its content depends only on the cached profile (replaced when
  // the account changes) and the facts in the variant below, so it is rendered once per profile, language and session.
  const homeBodies = new RenderedBodies();
  const provider = oidcSettings(deps.config)?.name ?? null;
  app.get('/cont', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const profile = await getProfile(deps, actor);
    const { t } = request;
    const variant = `${request.locale}|${actor.isOfficial}|${actor.emailVerified ? '' : actor.email}|${request.csrfToken}`;
    const body = homeBodies.get(profile, variant, () => renderPageBody(request, accountHome(request, actor, profile, provider)));
    return reply.page({ title: t('identity.account.title') }, body);
  });

  function accountHome(request: FastifyRequest, actor: Actor, profile: OwnProfile, provider: string | null) {
    const { t } = request;
    return (
      <>
        <UnverifiedBanner t={t} actor={actor} />
        <H1 caption={t('identity.account.title')}>{t('identity.account.welcome', { name: profile.displayName })}</H1>
        <ul class="govuk-list pd-account-links">
          {[
            { href: '/cont/cereri', title: t('identity.account.cases'), hint: t('identity.account.cases_hint') },
            { href: '/cont/cereri-incepute', title: t('identity.account.drafts'), hint: t('identity.account.drafts_hint') },
            { href: '/servicii', title: t('identity.account.new_request'), hint: t('identity.account.new_request_hint') },
            { href: '/cont/revendica-cerere', title: t('identity.account.claim'), hint: t('identity.account.claim_hint') },
            { href: '/cont/profil', title: t('identity.account.profile'), hint: t('identity.account.profile_hint') },
            { href: '/cont/sesiuni', title: t('identity.account.sessions'), hint: t('identity.account.sessions_hint') },
            { href: '/cont/doi-factori', title: t('identity.account.security'), hint: t('identity.account.security_hint') },
            { href: '/cont/datele-mele', title: t('identity.account.my_data'), hint: t('identity.account.my_data_hint') },
            ...(actor.isOfficial ? [] : [{ href: ADD_COMPANY_PATH, title: t('identity.account.add_company'), hint: t('identity.account.add_company_hint') }]),
          ].map((l) => (
            <li key={l.href}>
              <h2 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href={l.href}>
                  {l.title}
                </a>
              </h2>
              <p class="govuk-body">{l.hint}</p>
            </li>
          ))}
        </ul>
        {profile.hasPerson && !actor.isOfficial ? <IdentityState t={t} profile={profile} provider={provider} /> : null}
        {profile.companies.length > 0 ? (
          <>
            <h2 class="govuk-heading-m">{t('identity.account.companies')}</h2>
            <SummaryList
              rows={profile.companies.map((c) => ({
                key: (
                  <>
                    {c.name}
                    <br />
                    <span class="govuk-body-s">{t('identity.account.cui', { cui: c.cui })}</span>
                  </>
                ),
                value: (
                  <>
                    <Tag colour={MANDATE_STATUS_COLOUR[c.status]}>{t(`identity.account.company_status.${c.status}`)}</Tag>
                    {c.status === 'rejected' && c.decisionReason ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                        {t('identity.account.company_rejected', { reason: c.decisionReason })}{' '}
                        <a class="govuk-link" href={ADD_COMPANY_PATH}>
                          {t('identity.account.company_ask_again')}
                        </a>
                      </p>
                    ) : null}
                    {c.status === 'active' && c.validUntil ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{t('identity.account.company_valid_until', { date: formatDate(`${c.validUntil}T12:00:00Z`) })}</p>
                    ) : null}
                    {c.status === 'expired' && c.validUntil ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{t('identity.account.company_expired', { date: formatDate(`${c.validUntil}T12:00:00Z`) })}</p>
                    ) : null}
                    {c.status === 'revoked' && c.revokedAt ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                        {c.renouncedByPerson
                          ? t('identity.account.company_renounced', { date: formatDate(c.revokedAt) })
                          : t('identity.account.company_revoked', { date: formatDate(c.revokedAt), reason: c.revocationReason ?? '' })}{' '}
                        <a class="govuk-link" href={ADD_COMPANY_PATH}>
                          {t('identity.account.company_ask_again')}
                        </a>
                      </p>
                    ) : null}
                    {c.status === 'active' ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                        <a class="govuk-link" href={renouncePath(c.representationId)}>
                          {t('identity.account.company_renounce')}
                          <span class="govuk-visually-hidden"> {t('identity.account.company_renounce_hidden', { company: c.name })}</span>
                        </a>
                      </p>
                    ) : null}
                    {c.renewalRequestedAt ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{t('identity.account.company_renewal_pending', { date: formatDate(c.renewalRequestedAt) })}</p>
                    ) : null}
                    {c.status === 'pending' || c.renewalRequestedAt ? (
                      <div class="govuk-!-margin-top-3">
                        <Form action={withdrawPath(c.representationId)} csrfToken={request.csrfToken}>
                          <Button variant="secondary">
                            {t(c.status === 'pending' ? 'identity.account.company_withdraw' : 'identity.account.company_withdraw_renewal')}
                            <span class="govuk-visually-hidden"> {t('identity.account.company_withdraw_hidden', { company: c.name })}</span>
                          </Button>
                        </Form>
                      </div>
                    ) : null}
                    {c.renewalRefusalReason && !c.renewalRequestedAt ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">{t('identity.account.company_renewal_refused', { reason: c.renewalRefusalReason })}</p>
                    ) : null}
                    {c.renewable ? (
                      <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                        <a class="govuk-link" href={`${ADD_COMPANY_PATH}?${new URLSearchParams({ companyCui: c.cui, companyName: c.name })}`}>
                          {t('identity.account.company_send_new')}
                          <span class="govuk-visually-hidden"> {t('identity.account.company_send_new_hidden', { company: c.name })}</span>
                        </a>
                      </p>
                    ) : null}
                  </>
                ),
              }))}
            />
          </>
        ) : null}
      </>
    );
  }

  app.get('/cont/profil', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const profile = await getProfile(deps, actor);
    return renderProfile(request, reply, profile, profileValues(profile));
  });

  app.post('/cont/profil', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const raw = (request.body ?? {}) as Record<string, unknown>;
    const values = formFields(raw);
    const notify = new Set((Array.isArray(raw.notify) ? raw.notify : raw.notify === undefined ? [] : [raw.notify]).map(String));
    const locale = values.locale === 'en' ? 'en' : values.locale === 'ro' ? 'ro' : undefined;
    try {
      const profile = await getProfile(deps, actor);
      const { changed } = await updateProfile(deps, actor, {
        displayName: values.displayName ?? '',
        phone: values.phone ?? '',
        ...(profile.hasPerson ? { address: values.address ?? '' } : {}),
        notifyEmail: notify.has('email'),
        notifySms: notify.has('sms'),
        ...(locale ? { locale } : {}),
      });
      // The language chosen here wins over the one remembered from the language switch.
      if (locale && changed.includes('locale')) {
        reply.setCookie(LANG_COOKIE, locale, { path: '/', sameSite: 'lax', secure: deps.config.secureCookies, maxAge: 365 * 24 * 3600 });
      }
      const t = locale && changed.includes('locale') ? translator(locale) : request.t;
      // Both boxes cleared (easily by mistake): the person must know no answer or request for documents will reach them.
      const silenced = notify.size === 0 && (changed.includes('notifyEmail') || changed.includes('notifySms'));
      const saved = silenced ? 'identity.profile.saved_no_notifications' : 'identity.profile.saved';
      return reply.redirectWithFlash('/cont/profil', t(changed.length ? saved : 'identity.profile.unchanged'), changed.length ? 'success' : 'info');
    } catch (err) {
      if (err instanceof AppError && err.fields) {
        const profile = await getProfile(deps, actor);
        return renderProfile(request, reply, profile, { ...values, notify: [...notify] }, err.fields, 400);
      }
      throw err;
    }
  });

  app.get('/cont/sesiuni', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    const sessions = await listSessions(deps, actor);
    const { t } = request;
    return reply.page(
      { title: t('identity.sessions.title'), width: 'wide', backLink: { href: '/cont' } },
      <>
        <H1>{t('identity.sessions.title')}</H1>
        <P>{t('identity.sessions.lead', { idle: deps.config.session.idleMinutes, hours: deps.config.session.absoluteHours })}</P>
        <Table
          caption={t('identity.sessions.caption')}
          head={[t('identity.sessions.browser'), t('identity.sessions.started'), t('identity.sessions.last_seen')]}
          stackOnPhone
          rows={sessions.map((s) => [
            <>
              {describeUserAgent(s.userAgent) ?? t('identity.sessions.unknown_browser')}
              {s.current ? (
                <>
                  {' '}
                  <Tag colour="green">{t('identity.sessions.this_device')}</Tag>
                </>
              ) : null}
            </>,
            formatDateTime(s.createdAt),
            formatDateTime(s.lastSeenAt),
          ])}
        />
        <WarningText assistive={t('common.warning')}>{t('identity.sessions.warning')}</WarningText>
        <Form action="/cont/sesiuni/celelalte" csrfToken={request.csrfToken}>
          <Button variant="secondary">{t('identity.sessions.revoke_others')}</Button>
        </Form>
        <Form action="/cont/sesiuni/toate" csrfToken={request.csrfToken}>
          <Button variant="warning">{t('identity.sessions.revoke_all')}</Button>
        </Form>
      </>,
    );
  });

  app.post('/cont/sesiuni/celelalte', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    await signOut(deps, actor, 'others');
    return reply.redirectWithFlash('/cont/sesiuni', request.t('identity.sessions.others_done'));
  });

  app.post('/cont/sesiuni/toate', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireActor(request);
    await signOut(deps, actor, 'everywhere');
    clearSessionCookie(reply);
    return reply.redirectWithFlash('/autentificare', request.t('identity.sessions.all_done'), 'info');
  });
}
