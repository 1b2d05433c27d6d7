import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import { localiseDayNames } from '../i18n/day-names.ts';
import type { PageContext } from './context.ts';
import { NotificationBanner, PageContextProvider } from './components.tsx';

export type PageOptions = {
  title: string;
  /** An error summary is present: the browser title starts with "Eroare:" as GOV.UK recommends. */
  hasErrors?: boolean;
  /** Narrow (two-thirds) column for forms and questions; wide for tables and dashboards. */
  width?: 'narrow' | 'wide';
  backLink?: { href: string; label?: string };
};

function switchLanguageHref(url: string, lang: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

export function Layout(props: { ctx: PageContext; options: PageOptions; children: ComponentChildren }) {
  const { ctx, options } = props;
  const { t } = ctx;
  const otherLocale = ctx.locale === 'ro' ? 'en' : 'ro';
  const site = ctx.institution?.shortName ?? t('app.name');
  const title = `${options.hasErrors ? `${t('app.error_prefix')} ` : ''}${options.title} – ${site}`;
  return (
    <html lang={ctx.locale} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#002b7f" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/assets/govuk-frontend.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script type="module" src="/assets/app.js" />
      </head>
      <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">
          {t('layout.skip_link')}
        </a>
        <header class="pd-header">
          <div class="govuk-width-container pd-header__inner">
            <a href="/" class="pd-header__brand">
              {ctx.institution?.logoUrl ? (
                <img class="pd-header__logo" src={ctx.institution.logoUrl} alt="" width={40} height={40} />
              ) : (
                <span class="pd-header__crest" aria-hidden="true" />
              )}
              <span>
                <span class="pd-header__institution">{ctx.institution?.name ?? t('app.name')}</span>
                <span class="pd-header__product">{t('app.name')}</span>
              </span>
            </a>
            <nav class="pd-header__nav" aria-label={t('layout.account_menu')}>
              <ul class="pd-header__list">
                <li>
                  <a
                    href={switchLanguageHref(ctx.url, otherLocale)}
                    lang={otherLocale}
                    hreflang={otherLocale}
                    class="pd-header__link"
                  >
                    {t('layout.switch_language')}
                  </a>
                </li>
                {ctx.user ? (
                  <>
                    {ctx.user.isOfficial ? (
                      <li>
                        <a href="/birou" class="pd-header__link">
                          {t('layout.back_office')}
                        </a>
                      </li>
                    ) : null}
                    {ctx.user.isAdmin ? (
                      <li>
                        <a href="/admin" class="pd-header__link">
                          {t('layout.admin')}
                        </a>
                      </li>
                    ) : null}
                    <li>
                      <a href="/cont" class="pd-header__link">
                        {t('layout.my_account')}
                        <span class="govuk-visually-hidden">: {ctx.user.displayName}</span>
                      </a>
                    </li>
                    <li>
                      <form method="post" action="/deconectare" class="pd-header__form">
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="pd-header__button">
                          {t('layout.sign_out')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/autentificare" class="pd-header__link">
                        {t('layout.sign_in')}
                      </a>
                    </li>
                    <li>
                      <a href="/inregistrare" class="pd-header__link">
                        {t('layout.register')}
                      </a>
                    </li>
                  </>
                )}
              </ul>
            </nav>
          </div>
        </header>
        <div class="govuk-width-container">
          <div class="govuk-phase-banner">
            <p class="govuk-phase-banner__content">
              <strong class="govuk-tag govuk-phase-banner__content__tag">{t('layout.phase')}</strong>
              <span class="govuk-phase-banner__text">{t('layout.phase_text')}</span>
            </p>
          </div>
          {options.backLink ? (
            <a href={options.backLink.href} class="govuk-back-link">
              {options.backLink.label ?? t('common.back')}
            </a>
          ) : null}
          <main class="govuk-main-wrapper" id="main-content">
            {ctx.flash ? (
              <NotificationBanner type={ctx.flash.kind === 'success' ? 'success' : undefined} title={t(ctx.flash.kind === 'success' ? 'common.success' : 'common.important')}>
                <p class="govuk-notification-banner__heading">{ctx.flash.text}</p>
              </NotificationBanner>
            ) : null}
            {options.width === 'wide' ? (
              props.children
            ) : (
              <div class="govuk-grid-row">
                <div class="govuk-grid-column-two-thirds">{props.children}</div>
              </div>
            )}
          </main>
        </div>
        <footer class="govuk-footer" dangerouslySetInnerHTML={{ __html: footerHtml(ctx) }} />
      </body>
    </html>
  );
}

/** The footer's contents: the same for every page of one institution in one language, so rendered once. */
function FooterContents({ ctx }: { ctx: Pick<PageContext, 't' | 'institution' | 'locale'> }) {
  const { t } = ctx;
  return (
    <div class="govuk-width-container">
      {ctx.institution ? (
        <div class="pd-footer__contacts">
          <h2 class="govuk-heading-s">{ctx.institution.name}</h2>
          <p class="govuk-body-s">{ctx.institution.address}</p>
          <p class="govuk-body-s">
            {ctx.institution.phone ? (
              <>
                {t('layout.phone')}: <a class="govuk-footer__link" href={`tel:${ctx.institution.phone.replace(/\s/g, '')}`}>{ctx.institution.phone}</a>
                <br />
              </>
            ) : null}
            {ctx.institution.email ? (
              <>
                {t('layout.email')}: <a class="govuk-footer__link" href={`mailto:${ctx.institution.email}`}>{ctx.institution.email}</a>
              </>
            ) : null}
          </p>
          {ctx.institution.workingHours.length > 0 ? (
            <>
              <h3 class="govuk-heading-s">{t('layout.working_hours')}</h3>
              <ul class="govuk-list pd-footer__hours">
                {ctx.institution.workingHours.map((w) => (
                  <li key={w.days}>
                    {localiseDayNames(w.days, ctx.locale)}: {w.hours}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div class="govuk-footer__meta">
        <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">{t('layout.support_links')}</h2>
          <ul class="govuk-footer__inline-list">
            <li class="govuk-footer__inline-list-item">
              <a class="govuk-footer__link" href="/accesibilitate">
                {t('layout.accessibility')}
              </a>
            </li>
            <li class="govuk-footer__inline-list-item">
              <a class="govuk-footer__link" href="/confidentialitate">
                {t('layout.privacy')}
              </a>
            </li>
            <li class="govuk-footer__inline-list-item">
              <a class="govuk-footer__link" href="/cookies">
                {t('layout.cookies')}
              </a>
            </li>
            <li class="govuk-footer__inline-list-item">
              <a class="govuk-footer__link" href="/api/docs">
                {t('layout.api')}
              </a>
            </li>
          </ul>
          <p class="govuk-body-s">{t('layout.licence')}</p>
        </div>
      </div>
    </div>
  );
}

const NO_INSTITUTION = {};
const footers = new WeakMap<object, Map<string, string>>();

function footerHtml(ctx: PageContext): string {
  const key = ctx.institution ?? NO_INSTITUTION;
  const byLocale = footers.get(key) ?? new Map<string, string>();
  footers.set(key, byLocale);
  const html = byLocale.get(ctx.locale) ?? render(<FooterContents ctx={ctx} />);
  byLocale.set(ctx.locale, html);
  return html;
}

export function renderPage(ctx: PageContext, options: PageOptions, body: ComponentChildren): string {
  return `<!DOCTYPE html>${render(
    <PageContextProvider.Provider value={ctx}>
      <Layout ctx={ctx} options={options}>
        {body}
      </Layout>
    </PageContextProvider.Provider>,
  )}`;
}
