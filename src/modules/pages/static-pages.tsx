import { localiseDayNames } from '../../platform/i18n/day-names.ts';
import type { ComponentChildren } from 'preact';
import type { Config } from '../../config.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, H1, P, SummaryList, Table } from '../../platform/web/components.tsx';
import type { InstitutionInfo } from '../../platform/web/context.ts';
import { DRAFT_RETENTION_DAYS } from '../../platform/web/journey.tsx';

/** When the accessibility statement was last reviewed (dd.mm.yyyy); update it with every review. */
export const ACCESSIBILITY_REVIEWED = '22.11.2026';

type PageProps = { t: T; institution: InstitutionInfo | null };

function Section(props: { heading: string; children: ComponentChildren }) {
  return (
    <>
      <h2 class="govuk-heading-m">{props.heading}</h2>
      {props.children}
    </>
  );
}

function BulletList(props: { items: string[] }) {
  return (
    <ul class="govuk-list govuk-list--bullet">
      {props.items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function AccessibilityStatement({ t, institution, baseUrl }: PageProps & { baseUrl: string }) {
  const name = institution?.name ?? t('app.name');
  return (
    <>
      <H1>{t('pages.a11y.title')}</H1>
      <P>{t('pages.a11y.intro', { institution: name })}</P>
      <P>{t('pages.a11y.scope', { site: t('app.name'), url: baseUrl })}</P>
      <Section heading={t('pages.a11y.usable_heading')}>
        <P>{t('pages.a11y.usable_intro')}</P>
        <BulletList items={[t('pages.a11y.usable_zoom'), t('pages.a11y.usable_keyboard'), t('pages.a11y.usable_reader'), t('pages.a11y.usable_time'), t('pages.a11y.usable_nojs')]} />
      </Section>
      <Section heading={t('pages.a11y.status_heading')}>
        <P>{t('pages.a11y.status')}</P>
      </Section>
      <Section heading={t('pages.a11y.limits_heading')}>
        <P>{t('pages.a11y.limits_intro')}</P>
        <BulletList items={[t('pages.a11y.limit_pdf'), t('pages.a11y.limit_map'), t('pages.a11y.limit_signing'), t('pages.a11y.limit_api')]} />
      </Section>
      <Section heading={t('pages.a11y.feedback_heading')}>
        <P>{t('pages.a11y.feedback')}</P>
        <ul class="govuk-list govuk-list--bullet">
          <li>
            <a class="govuk-link" href="/contact/mesaj">
              {t('pages.a11y.feedback_form')}
            </a>
          </li>
          {institution?.email ? (
            <li>
              {t('pages.contact.email')}:{' '}
              <a class="govuk-link" href={`mailto:${institution.email}`}>
                {institution.email}
              </a>
            </li>
          ) : null}
          {institution?.phone ? (
            <li>
              {t('pages.contact.phone')}: {institution.phone}
            </li>
          ) : null}
          {institution ? (
            <li>
              {t('pages.contact.address')}: {institution.address}
            </li>
          ) : null}
        </ul>
        <P>{t('pages.a11y.feedback_answer')}</P>
      </Section>
      <Section heading={t('pages.a11y.enforcement_heading')}>
        <P>{t('pages.a11y.enforcement')}</P>
        <P>
          <a class="govuk-link" href="https://www.adr.gov.ro/" rel="noopener">
            {t('pages.a11y.enforcement_link')}
          </a>
        </P>
      </Section>
      <Section heading={t('pages.a11y.prepared_heading')}>
        <P>{t('pages.a11y.prepared', { date: ACCESSIBILITY_REVIEWED })}</P>
      </Section>
    </>
  );
}

export function PrivacyNotice({ t, institution }: PageProps) {
  const name = institution?.name ?? t('app.name');
  const address = institution?.address ?? '—';
  return (
    <>
      <H1>{t('pages.privacy.title')}</H1>
      <P>{t('pages.privacy.intro')}</P>
      <Section heading={t('pages.privacy.controller_heading')}>
        <P>{t('pages.privacy.controller', { institution: name, address })}</P>
      </Section>
      <Section heading={t('pages.privacy.data_heading')}>
        <BulletList items={[t('pages.privacy.data_identity'), t('pages.privacy.data_contact'), t('pages.privacy.data_requests'), t('pages.privacy.data_technical')]} />
      </Section>
      <Section heading={t('pages.privacy.purposes_heading')}>
        <BulletList
          items={[t('pages.privacy.purpose_requests'), t('pages.privacy.purpose_account'), t('pages.privacy.purpose_security'), t('pages.privacy.purpose_payments')]}
        />
      </Section>
      <Section heading={t('pages.privacy.retention_heading')}>
        <BulletList
          items={[
            t('pages.privacy.retention_documents'),
            t('pages.privacy.retention_account'),
            t('pages.privacy.retention_drafts', { days: DRAFT_RETENTION_DAYS }),
            t('pages.privacy.retention_audit'),
          ]}
        />
      </Section>
      <Section heading={t('pages.privacy.recipients_heading')}>
        <P>{t('pages.privacy.recipients')}</P>
      </Section>
      <Section heading={t('pages.privacy.rights_heading')}>
        <P>{t('pages.privacy.rights_intro')}</P>
        <BulletList
          items={[
            t('pages.privacy.right_access'),
            t('pages.privacy.right_rectification'),
            t('pages.privacy.right_erasure'),
            t('pages.privacy.right_restriction'),
            t('pages.privacy.right_portability'),
            t('pages.privacy.right_complaint'),
          ]}
        />
        <P>
          <a class="govuk-link" href="https://www.dataprotection.ro/" rel="noopener">
            {t('pages.privacy.anspdcp_link')}
          </a>
        </P>
      </Section>
      <Section heading={t('pages.privacy.dpo_heading')}>
        <P>{t('pages.privacy.dpo')}</P>
        <ul class="govuk-list">
          {institution?.email ? (
            <li>
              {t('pages.privacy.dpo_email')}:{' '}
              <a class="govuk-link" href={`mailto:${institution.email}`}>
                {institution.email}
              </a>
            </li>
          ) : null}
          <li>
            {t('pages.privacy.dpo_post')}: {address}
          </li>
        </ul>
      </Section>
    </>
  );
}

export function CookiesPage({ t, session }: { t: T; session: Config['session'] }) {
  const rows = [
    ['pd_session', t('pages.cookies.session_purpose'), t('pages.cookies.session_expiry', { idle: session.idleMinutes, hours: session.absoluteHours })],
    ['pd_anon', t('pages.cookies.anon_purpose'), t('pages.cookies.anon_expiry')],
    ['pd_lang', t('pages.cookies.lang_purpose'), t('pages.cookies.lang_expiry')],
    ['pd_flash', t('pages.cookies.flash_purpose'), t('pages.cookies.flash_expiry')],
  ];
  return (
    <>
      <H1>{t('pages.cookies.title')}</H1>
      <P>{t('pages.cookies.intro')}</P>
      <Table
        caption={t('pages.cookies.table_caption')}
        head={[t('pages.cookies.col_name'), t('pages.cookies.col_purpose'), t('pages.cookies.col_expiry')]}
        stackOnPhone
        rows={rows.map(([name, purpose, expiry]) => [<code key="n">{name}</code>, purpose, expiry])}
      />
      <P>{t('pages.cookies.block')}</P>
    </>
  );
}

export function ContactPage({ t, institution }: PageProps) {
  return (
    <>
      <H1>{t('pages.contact.title')}</H1>
      <P size="l">{t('pages.contact.intro')}</P>
      {institution ? (
        <>
          <h2 class="govuk-heading-m">{institution.name}</h2>
          <SummaryList
            rows={[
              { key: t('pages.contact.address'), value: institution.address },
              ...(institution.phone
                ? [
                    {
                      key: t('pages.contact.phone'),
                      value: (
                        <a class="govuk-link" href={`tel:${institution.phone.replace(/\s/g, '')}`}>
                          {institution.phone}
                        </a>
                      ),
                    },
                  ]
                : []),
              ...(institution.email
                ? [
                    {
                      key: t('pages.contact.email'),
                      value: (
                        <a class="govuk-link" href={`mailto:${institution.email}`}>
                          {institution.email}
                        </a>
                      ),
                    },
                  ]
                : []),
              ...(institution.workingHours.length > 0
                ? [
                    {
                      key: t('pages.contact.hours'),
                      value: (
                        <ul class="govuk-list">
                          {institution.workingHours.map((w) => (
                            <li key={w.days}>
                              {localiseDayNames(w.days, t.locale)}: {w.hours}
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      ) : (
        <P>{t('pages.contact.no_institution')}</P>
      )}
      <h2 class="govuk-heading-m">{t('pages.contact.write_heading')}</h2>
      <P>{t('pages.contact.write_text')}</P>
      <Button href="/contact/mesaj" isStartButton>
        {t('pages.contact.write_button')}
      </Button>
    </>
  );
}
