import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectNoAxeViolations, focused, screenshot, startBrowserApp, tab, tabUntil, visit } from './support/browser.ts';

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
});
afterAll(async () => b?.stop());

const STATIC_PAGES = ['/', '/accesibilitate', '/confidentialitate', '/cookies', '/contact'];

async function mailsTo(recipient: string): Promise<number> {
  const rows = await b.app.database.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM outbox_message WHERE template = 'pages.contact_message.v2' AND recipient = $1",
    [recipient],
  );
  return rows[0]!.n;
}

/** Answers the contact journey by clicking and typing, as a person would. */
async function writeToCityHall(page: Page, message: string) {
  await visit(page, '/contact');
  await page.getByRole('button', { name: 'Trimiteți un mesaj' }).click();
  await page.getByLabel('Taxe și impozite locale').check();
  await page.getByRole('button', { name: 'Continuați' }).click();
  await page.getByLabel('Scrieți mesajul').fill(message);
  await page.getByRole('button', { name: 'Continuați' }).click();
  await page.getByLabel('Prin e-mail').check();
  await page.getByRole('button', { name: 'Continuați' }).click();
  await page.getByLabel('Care este numele dumneavoastră?').fill('Ana Ionescu');
  await page.getByRole('button', { name: 'Continuați' }).click();
  await page.getByLabel('Care este adresa dumneavoastră de e-mail?').fill('ana@exemplu.ro');
  await page.getByRole('button', { name: 'Continuați' }).click();
  await page.waitForURL('**/contact/mesaj/verificare');
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  it('finds no violation in any component example, in Romanian and in English', async () => {
    const page = await b.newPage();
    await visit(page, '/dev/componente');
    await expectNoAxeViolations(page, '/dev/componente (ro)');
    await visit(page, '/dev/componente?lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expectNoAxeViolations(page, '/dev/componente (en)');
  });

  it('finds no violation on the static pages and the error pages', async () => {
    const page = await b.newPage();
    for (const path of STATIC_PAGES) {
      await visit(page, path);
      await expectNoAxeViolations(page, path);
    }
    for (const [path, status] of [['/nu-exista', 404], ['/dev/erori/403', 403], ['/dev/erori/500', 500], ['/dev/erori/503', 503]] as const) {
      await visit(page, path, status);
      await expectNoAxeViolations(page, path);
    }
  });

  it('finds no violation on any page of the contact journey, errors and confirmation included', async () => {
    const page = await b.newPage();
    await visit(page, '/contact/mesaj/subiect');
    await expectNoAxeViolations(page, 'question');
    await page.getByRole('button', { name: 'Continuați' }).click();
    await expectNoAxeViolations(page, 'question with errors');
    await writeToCityHall(page, 'Verificare de accesibilitate.');
    await expectNoAxeViolations(page, 'check your answers');
    await page.getByRole('button', { name: 'Trimiteți mesajul' }).click();
    await page.waitForURL('**/contact/mesaj/confirmare');
    await expectNoAxeViolations(page, 'confirmation');
  });
});

describe('works without JavaScript', () => {
  it('shows the revealed follow-up question and sends the whole journey with plain form posts', async () => {
    const before = await mailsTo('registratura@sector5.ro');
    const page = await b.newPage({ javaScriptEnabled: false });
    await visit(page, '/contact/mesaj/subiect');
    // Without JavaScript every conditionally revealed field is simply shown.
    expect(await page.getByLabel('Spuneți-ne pe scurt despre ce este vorba').isVisible()).toBe(true);
    await writeToCityHall(page, 'Trimis fără JavaScript.');
    await page.getByRole('button', { name: 'Trimiteți mesajul' }).click();
    await page.waitForURL('**/contact/mesaj/confirmare');
    expect(await page.locator('h1').textContent()).toContain('Mesajul a fost înregistrat');
    expect(await mailsTo('registratura@sector5.ro')).toBe(before + 1);
  });

  it('with JavaScript, hides the follow-up question until its option is chosen', async () => {
    const page = await b.newPage();
    await visit(page, '/contact/mesaj/subiect');
    const detail = page.getByLabel('Spuneți-ne pe scurt despre ce este vorba');
    expect(await detail.isVisible()).toBe(false);
    await page.getByLabel('Altceva').check();
    expect(await detail.isVisible()).toBe(true);
    expect(await page.getByLabel('Altceva').getAttribute('aria-controls')).toBe('conditional-topic-6');
  });
});

describe('keyboard only', () => {
  it('reaches the skip link first, and the skip link moves focus to the main content', async () => {
    const page = await b.newPage();
    await visit(page, '/');
    const first = await tab(page);
    expect(first.className).toContain('govuk-skip-link');
    expect(first.text).toBe('Salt la conținutul principal');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main-content');
    // The next Tab continues inside the main content, not in the header.
    const next = await tab(page);
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    expect(['a', 'input', 'button']).toContain(next.tag);
  });

  it('moves focus to the error summary after a failed submit, whose links lead to the fields', async () => {
    const page = await b.newPage();
    await visit(page, '/contact/mesaj/subiect');
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Continuați');
    await page.keyboard.press('Enter');
    await page.locator('.govuk-error-summary').waitFor();
    await page.waitForLoadState('load');
    const f = await focused(page);
    expect(f.className).toContain('govuk-error-summary');
    expect(f.text).toContain('Alegeți subiectul mesajului');
    expect(await page.title()).toMatch(/^Eroare: /);
    // Tab to the error link, follow it: the first option of the question is reachable right away.
    await tabUntil(page, (x) => x.href === '#topic');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#topic');
    expect((await focused(page)).id).toBe('topic');
  });

  it('completes the journey with the keyboard alone', async () => {
    const page = await b.newPage();
    await visit(page, '/contact/mesaj/subiect');
    await tabUntil(page, (f) => f.id === 'topic');
    await page.keyboard.press('Space');
    await tabUntil(page, (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/contact/mesaj/mesaj');
    await tabUntil(page, (f) => f.id === 'message');
    await page.keyboard.type('Scris doar cu tastatura.');
    expect(await page.locator('.govuk-character-count__message').textContent()).toContain('Caractere rămase: 2976');
    await tabUntil(page, (f) => f.tag === 'button');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/contact/mesaj/raspuns');
  });
});

describe('layout', () => {
  it('fits a 360 px phone without sideways scrolling (screenshot in test-results/)', async () => {
    const page = await b.newPage({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    for (const path of ['/', '/contact/mesaj/subiect', '/dev/componente']) {
      await visit(page, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is wider than the phone`).toBeLessThanOrEqual(360);
    }
    await visit(page, '/');
    await screenshot(page, 'home-360');
    await visit(page, '/contact/mesaj/subiect');
    await screenshot(page, 'contact-question-360');
  });

  it('stacks a table on a 360 px phone: no sideways scrolling, every cell under its column heading; a wide screen keeps the table', async () => {
    const page = await b.newPage({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    await visit(page, '/cookies');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, '/cookies is wider than the phone').toBeLessThanOrEqual(360);
    const row = page.locator('main table tbody tr', { hasText: 'pd_session' });
    for (const cell of await row.locator('th, td').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width, 'a cell beyond the right edge of the phone').toBeLessThanOrEqual(360);
    }
    // Each cell shows the heading of its column (the heading row itself is hidden on the phone).
    const labels = await row.locator('th, td').evaluateAll((cells) => cells.map((c) => getComputedStyle(c, '::before').content));
    expect(labels.join(' ')).toMatch(/"Nume".*"Rol".*"Expiră"/);
    expect(await page.locator('main table thead').boundingBox().then((b) => b?.height ?? 0)).toBeLessThanOrEqual(1);
    // Still a table with its headings for a screen reader, and still a valid page.
    await expect(page.getByRole('columnheader', { name: 'Rol' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, '/cookies on a phone');
    await screenshot(page, 'cookies-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('main table').evaluate((t) => getComputedStyle(t).display)).toBe('table');
  });

  it('prints without the navigation, buttons and footer links, keeping the content', async () => {
    const css = readFileSync(new URL('../../src/platform/web/assets/app.css', import.meta.url), 'utf8');
    expect(css).toContain('@media print');
    const page = await b.newPage();
    await visit(page, '/contact');
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).display !== 'none');
    expect(await shown('.pd-header__nav')).toBe(false);
    expect(await shown('.govuk-skip-link')).toBe(false);
    expect(await shown('.govuk-footer__meta')).toBe(false);
    expect(await shown('.govuk-button')).toBe(false);
    expect(await shown('main h1')).toBe(true);
    expect(await shown('.govuk-summary-list')).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
