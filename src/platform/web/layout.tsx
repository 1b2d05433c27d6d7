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

/** A path URL parsing leaves as it is: no query, no dot segments, no empty segment, nothing to encode. */
const PLAIN_PATH = /^(\/[A-Za-z0-9_~-][A-Za-z0-9_~.-]*)+\/?$|^\/$/;

/** The language switch keeps the page and its query, with `lang` set to the other language. */
export function switchLanguageHref(url: string, lang: string): string {
  if (PLAIN_PATH.test(url)) return `${url}?lang=${lang}`; // most pages: what URL parsing would give, without it
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/**
 * The page shell. `languageHref` is the language switch's link (switchLanguageHref of the page's URL), given by the
 * caller so that renderPage can render the shell once with placeholders instead of values.
 */
export function Layout(props: { ctx: PageContext; options: PageOptions; languageHref: string; children: ComponentChildren }) {
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
      <body class="govuk-template__body" data-pd-session-idle-minutes={ctx.user?.sessionIdleMinutes}>
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
                {/* Without an institution (an address the router could not read) its name is the product's: once. */}
                {ctx.institution ? <span class="pd-header__product">{t('app.name')}</span> : null}
              </span>
            </a>
            <nav class="pd-header__nav" aria-label={t('layout.account_menu')}>
              <ul class="pd-header__list">
                <li>
                  <a
                    href={props.languageHref}
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
              <span class="govuk-phase-banner__text">
                {t('layout.phase_text')}{' '}
                <a class="govuk-link" href="/contact">
                  {t('layout.phase_link')}
                </a>
                .
              </span>
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

/**
 * The whole page, rendered the straightforward way: the reference the fast path (renderPage) must match byte for byte.
 */
export function renderPageDirect(ctx: PageContext, options: PageOptions, body: ComponentChildren): string {
  const otherLocale = ctx.locale === 'ro' ? 'en' : 'ro';
  return `<!DOCTYPE html>${render(
    <PageContextProvider.Provider value={ctx}>
      <Layout ctx={ctx} options={options} languageHref={switchLanguageHref(ctx.url, otherLocale)}>
        {body}
      </Layout>
    </PageContextProvider.Provider>,
  )}`;
}

/*
 * The fast path. Rendering the shell (head, header, phase banner, footer) with Preact took most of a page's CPU time
 * (docs/benchmarks.md, fourth session), and it differs between pages only in a few values. So the shell is rendered
 * once per institution and shape (language, signed-in kind, width, error/back link/flash present) with a placeholder
 * in place of each value, cut at the placeholders and kept as encoded Buffers; a page is those pieces with its values
 * escaped in between and only its own content rendered by Preact.
 */
const MARK = '\uE000';
const SLOTS = ['title', 'languageHref', 'displayName', 'csrf', 'backHref', 'backLabel', 'flash', 'body'] as const;
type Slot = (typeof SLOTS)[number];
const placeholder = (slot: Slot) => `${MARK}${slot}${MARK}`;
type Shell = (Buffer | Slot)[];

/** What the shell's markup depends on besides the slot values. */
function shapeOf(ctx: PageContext, options: PageOptions): string {
  const user = ctx.user ? `u${Number(ctx.user.isOfficial)}${Number(ctx.user.isAdmin)}${ctx.user.sessionIdleMinutes ?? ''}` : 'anon';
  return [ctx.locale, user, options.width ?? 'narrow', Number(Boolean(options.hasErrors)), Number(Boolean(options.backLink)), ctx.flash?.kind ?? '-'].join('|');
}

function buildShell(ctx: PageContext, options: PageOptions): Shell {
  const marked: PageContext = {
    ...ctx,
    csrfToken: placeholder('csrf'),
    user: ctx.user ? { ...ctx.user, displayName: placeholder('displayName') } : null,
    flash: ctx.flash ? { kind: ctx.flash.kind, text: placeholder('flash') } : null,
  };
  const markedOptions: PageOptions = {
    title: placeholder('title'),
    hasErrors: options.hasErrors,
    width: options.width,
    backLink: options.backLink ? { href: placeholder('backHref'), label: placeholder('backLabel') } : undefined,
  };
  const html = `<!DOCTYPE html>${render(
    <Layout ctx={marked} options={markedOptions} languageHref={placeholder('languageHref')}>
      {placeholder('body')}
    </Layout>,
  )}`;
  return html.split(MARK).map((piece, i) => (i % 2 === 1 ? (piece as Slot) : Buffer.from(piece, 'utf8')));
}

const shells = new WeakMap<object, Map<string, Shell>>();

function shellFor(ctx: PageContext, options: PageOptions): Shell {
  const key = ctx.institution ?? NO_INSTITUTION;
  const byShape = shells.get(key) ?? new Map<string, Shell>();
  shells.set(key, byShape);
  const shape = shapeOf(ctx, options);
  let shell = byShape.get(shape);
  if (!shell) {
    shell = buildShell(ctx, options);
    byShape.set(shape, shell);
  }
  return shell;
}

/** What Preact's renderer escapes (`"`, `&`, `<`; not `>`), the same way, in text and in attribute values. */
function escapeHtml(value: string): string {
  return /["&<]/.test(value) ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;') : value;
}

/**
 * A page's own content already rendered (renderBody): what a page whose content depends only on a cached value keeps
 * instead of rendering it again for every request (see RenderedBodies).
 */
export class RenderedBody {
  constructor(readonly bytes: Buffer) {}
}

/** A page's own content as UTF-8 bytes, rendered as renderPage would render it inside the shell. */
export function renderBody(ctx: PageContext, body: ComponentChildren): RenderedBody {
  return new RenderedBody(Buffer.from(render(<PageContextProvider.Provider value={ctx}>{body}</PageContextProvider.Provider>), 'utf8'));
}

/** The page as UTF-8 bytes, ready to send. */
export function renderPage(ctx: PageContext, options: PageOptions, body: ComponentChildren | RenderedBody): Buffer {
  const otherLocale = ctx.locale === 'ro' ? 'en' : 'ro';
  const values: Record<Slot, string | Buffer> = {
    title: escapeHtml(options.title),
    languageHref: escapeHtml(switchLanguageHref(ctx.url, otherLocale)),
    displayName: escapeHtml(ctx.user?.displayName ?? ''),
    csrf: escapeHtml(ctx.csrfToken),
    backHref: escapeHtml(options.backLink?.href ?? ''),
    backLabel: escapeHtml(options.backLink?.label ?? ctx.t('common.back')),
    flash: escapeHtml(ctx.flash?.text ?? ''),
    body: body instanceof RenderedBody ? body.bytes : render(<PageContextProvider.Provider value={ctx}>{body}</PageContextProvider.Provider>),
  };
  const shell = shellFor(ctx, options);
  return Buffer.concat(
    shell.map((piece) => {
      if (typeof piece !== 'string') return piece;
      const value = values[piece];
      return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    }),
  );
}
