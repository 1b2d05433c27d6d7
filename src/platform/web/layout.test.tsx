import { describe, expect, it } from 'vitest';
import '../../modules/index.ts';
import { registerMessages, translator } from '../i18n/i18n.ts';
import { platformMessages } from '../i18n/messages.ts';
import { ErrorSummary, H1 } from './components.tsx';
import type { InstitutionInfo, PageContext } from './context.ts';
import { type PageOptions, renderPage, renderPageDirect, switchLanguageHref } from './layout.tsx';

const institution: InstitutionInfo = {
  id: 'b3d1c0de-0000-4000-8000-000000000001',
  name: 'Primăria Sectorului 5 „Test” & <Co>',
  shortName: 'Sector 5',
  address: 'Str. Fabrica de Chibrituri nr. 9–11',
  email: 'contact@sector5.ro',
  phone: '021 314 43 18',
  workingHours: [{ days: 'Luni–Joi', hours: '08:30–16:30' }],
  logoUrl: null,
};

// The shell's own wording, as the app registers it (the byte-for-byte checks hold with or without it).
registerMessages('platform', platformMessages);

const context = (over: Partial<PageContext>): PageContext => ({
  t: translator(over.locale ?? 'ro'),
  locale: 'ro',
  csrfToken: 'tok.en-123',
  url: '/cont',
  user: null,
  institution,
  flash: null,
  ...over,
});

// Values a page really gets, including the characters that must be escaped and text that looks like markup.
const cases: { name: string; ctx: PageContext; options: PageOptions }[] = [
  { name: 'anonymous, Romanian', ctx: context({}), options: { title: 'Servicii' } },
  { name: 'anonymous, English, no institution', ctx: context({ locale: 'en', t: translator('en'), institution: null, url: '/servicii?q=a&b="c"' }), options: { title: 'Services' } },
  {
    name: 'citizen with markup in their name, a flash and a back link',
    ctx: context({ user: { displayName: 'Ion <b>Popescu</b> & "fiii"', isOfficial: false, isAdmin: false }, flash: { kind: 'success', text: 'Salvat <i>acum</i> & "bine"' } }),
    options: { title: 'Profil & <date>', backLink: { href: '/cont?x=1&y="2"' } },
  },
  {
    name: 'official administrator, wide page with errors and a labelled back link',
    ctx: context({ user: { displayName: 'Elena Dumitrescu', isOfficial: true, isAdmin: true }, flash: { kind: 'info', text: 'Atenție' }, url: '/birou?lang=ro&page=2' }),
    options: { title: 'Dosare', width: 'wide', hasErrors: true, backLink: { href: '/birou', label: 'Înapoi la „dosare”' } },
  },
  { name: 'official only', ctx: context({ user: { displayName: 'Mihai', isOfficial: true, isAdmin: false } }), options: { title: 'Birou' } },
];

describe('the page shell rendered from cached pieces', () => {
  it.each(cases)('is byte for byte the page rendered directly: $name', ({ ctx, options }) => {
    const body = (
      <>
        <ErrorSummary title="Există o problemă" errors={{ x: 'Introduceți „x” & <y>' }} />
        <H1>Titlu {ctx.user?.displayName}</H1>
      </>
    );
    // Twice: the first call builds the shell, the second uses it.
    expect(renderPage(ctx, options, body).toString('utf8')).toBe(renderPageDirect(ctx, options, body));
    expect(renderPage(ctx, options, body).toString('utf8')).toBe(renderPageDirect(ctx, options, body));
  });

  it('never shows one visitor’s name, token or message on another’s page', () => {
    const first = context({ user: { displayName: 'Ana Ionescu', isOfficial: false, isAdmin: false }, csrfToken: 'first-token', flash: { kind: 'success', text: 'Cererea a fost trimisă' } });
    const second = context({ user: { displayName: 'Radu Marin', isOfficial: false, isAdmin: false }, csrfToken: 'second-token', flash: { kind: 'success', text: 'Profil salvat' } });
    renderPage(first, { title: 'Cont' }, <p>unu</p>);
    const html = renderPage(second, { title: 'Cont' }, <p>doi</p>).toString('utf8');
    expect(html).toContain('Radu Marin');
    expect(html).toContain('second-token');
    expect(html).toContain('Profil salvat');
    expect(html).not.toMatch(/Ana Ionescu|first-token|Cererea a fost trimisă|unu/);
  });

  it('names the product once in the header of a page without an institution', () => {
    const html = renderPage(context({ institution: null }), { title: 'Pagina nu a fost găsită' }, <p>x</p>).toString('utf8');
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header.match(/Primăria Digitală/g)).toHaveLength(1);
  });

  it('asks for feedback with a way to give it: the pilot banner links to the contact form', () => {
    const html = renderPage(context({}), { title: 'Servicii' }, <p>x</p>).toString('utf8');
    expect(html).toMatch(/Serviciu nou: <a class="govuk-link" href="\/contact">spuneți-ne părerea<\/a>\./);
  });
});

describe('the language switch', () => {
  it('keeps the page and its query and sets the other language, as URL parsing does', () => {
    const parsed = (url: string, lang: string) => {
      const u = new URL(url, 'http://x');
      u.searchParams.set('lang', lang);
      return `${u.pathname}${u.search}`;
    };
    const urls = ['/', '/cont', '/cont/', '/cont/cereri/9f1c2d3e-0000-4000-8000-000000000001', '/servicii?q=certificat%20fiscal', '/servicii?lang=ro&q=a', '/a/../b', '/./x', '//evil.example/x', '/ș', '/a b', '/a..b/.c', '/a//b', '/.hidden'];
    for (const url of urls) expect(switchLanguageHref(url, 'en'), url).toBe(parsed(url, 'en'));
    expect(switchLanguageHref('/cont', 'en')).toBe('/cont?lang=en');
  });
});
