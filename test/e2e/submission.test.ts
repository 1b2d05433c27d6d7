import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/seed-demo.ts';
import { PdfWriter } from '../../src/platform/pdf/pdf-document.ts';
import { type BrowserApp, expectNoAxeViolations, focused, screenshot, startBrowserApp, tabUntil, visit } from './support/browser.ts';

/*
 * The online submission's "done when": a newcomer finds the fiscal certificate in the public catalogue by typing
 * without diacritics, signs in when asked, goes through every page of the form with an attachment, submits, gets
 * the registry number, the tracking code and the PDF receipt, and finds the case with its legal deadline in
 * "Cererile mele". axe (WCAG 2.2 AA) runs on every page on the way.
 */

let b: BrowserApp;
let dir: string;
let attachment: string;

beforeAll(async () => {
  b = await startBrowserApp();
  dir = mkdtempSync(join(tmpdir(), 'pd-e2e-submission-'));
  // A small, real PDF (the upload is checked by content, not by name).
  const pdf = await PdfWriter.create({ title: 'Împuternicire', author: 'Maria Ionescu' });
  pdf.heading('Împuternicire');
  pdf.text('Subsemnata Maria Ionescu împuternicesc pe Ion Popescu să depună cererea pentru certificatul de atestare fiscală.');
  attachment = join(dir, 'imputernicire.pdf');
  writeFileSync(attachment, await pdf.save());
});
afterAll(async () => {
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Presses the submit button of the form that holds the field `name`. */
async function submit(page: Page, name: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`main form:has([name="${name}"]) button[type=submit]`).last().click()]);
}

/** Presses a button by its visible text and waits for the next page. */
async function press(page: Page, text: string | RegExp) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('button', { name: text }).first().click()]);
}

/** axe on the page, and no sideways scrolling of the whole page (WCAG 1.4.10 reflow: a 360 px phone). */
async function checked(page: Page, label: string, shot?: string) {
  if (shot) await screenshot(page, shot);
  await expectNoAxeViolations(page, label);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${label} is wider than the screen`).toBeLessThanOrEqual(0);
}

/** Every cell of a table row lies within a 360 px phone's width. */
async function cellsOnScreen(row: Locator, label: string) {
  for (const cell of await row.locator('th, td').all()) {
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width, `${label} beyond the right edge of the phone`).toBeLessThanOrEqual(360);
  }
}

/** The text of an element, whitespace collapsed. */
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const h1 = (page: Page) => text(page.locator('h1'));

describe('a newcomer', () => {
  it(
    'finds the fiscal certificate in the public catalogue by typing without diacritics, submits it with an attachment, gets the number and the PDF receipt, and sees the case with its deadline',
    { timeout: 180_000 },
    async () => {
      // On a phone: the citizen's pages must work at 360 CSS pixels.
      const page = await b.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      await visit(page, '/');
      await checked(page, 'home', 'submission-home-360');
      await page.getByRole('searchbox', { name: 'Ce doriți să rezolvați?' }).fill('certificat fiscal');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('searchbox', { name: 'Ce doriți să rezolvați?' }).press('Enter')]);
      expect(new URL(page.url()).pathname).toBe('/servicii');
      await checked(page, 'search results', 'submission-search-results');
      const first = page.locator('main ul.govuk-list li a').first();
      expect((await text(first)).trim()).toBe('Certificat de atestare fiscală');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), first.click()]);
      expect(await h1(page)).toContain('Certificat de atestare fiscală');
      await checked(page, 'service page', 'submission-service-page');

      // Starting asks to sign in, then comes back to the request.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Depuneți cererea online' }).click()]);
      expect(new URL(page.url()).pathname).toBe('/autentificare');
      // The sign-in page says which request it is for.
      expect(await text(page.locator('main'))).toContain('Autentificați-vă pentru a depune cererea: Certificat de atestare fiscală.');
      await checked(page, 'sign in', 'submission-sign-in-for-service');
      await page.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await submit(page, 'password');
      expect(new URL(page.url()).pathname).toMatch(/\/servicii\/.+\/CERT-FISCAL\/cerere$/);
      await checked(page, 'start the request', 'submission-start');
      await page.getByLabel('În nume propriu').check();
      await press(page, 'Începeți cererea');

      // Every page of the form, in the order the journey asks; what the account knows is pre-filled.
      const visited: string[] = [];
      for (let i = 0; i < 20 && !page.url().endsWith('/verificare-raspunsuri'); i++) {
        const step = new URL(page.url()).pathname.split('/').slice(4).join('/');
        visited.push(step);
        await checked(page, `form page ${step}`, `submission-step-${step.replace('/', '-')}`);
        if (step === 'tip_solicitant') {
          // Continuing without an answer first: the error summary names the question and takes the focus.
          await press(page, 'Continuați');
          expect(await text(page.locator('.govuk-error-summary'))).toContain('Depuneți cererea ca:');
          expect((await focused(page)).className).toContain('govuk-error-summary');
          await checked(page, 'first form page with an error', 'submission-step-error-360');
          await page.getByLabel('Persoană fizică').check();
        } else if (step === 'scop') {
          // Each follow-up question of the purpose is revealed under its option when that option is chosen.
          const plate = page.getByLabel('Numărul de înmatriculare');
          await expect(plate.isVisible()).resolves.toBe(false);
          await page.getByLabel('Vânzarea unui vehicul', { exact: true }).check();
          await expect(plate.isVisible()).resolves.toBe(true);
          await expect(page.getByLabel('Numele persoanei decedate').isVisible()).resolves.toBe(false);
          // The caption that says whose follow-up it is serves only when everything is shown (no JavaScript).
          await expect(page.getByText('Dacă ați ales „Vânzarea unui vehicul”:').isVisible()).resolves.toBe(false);
          await plate.fill('B 123 ABC');
          await page.getByLabel('În cont, semnat electronic (PDF)').check();
          await page.locator('input[name=on_behalf][value=da]').check();
          // The authorisation question is revealed under "Da"; the file goes up with "Continuați".
          await page.locator('input[type=file][name=mandate]').setInputFiles(attachment);
          await screenshot(page, 'submission-step-scop-filled');
        } else if (step === 'contact') {
          // A phone the profile does not have: the confirmation offers to keep it.
          await page.getByLabel('Număr de telefon').fill('0722 123 456');
        } else if (step === 'acord-documente') {
          for (const box of await page.locator('main input[type=checkbox]').all()) await box.check();
        } else if (!step.startsWith('documente/') && step !== 'solicitant') {
          throw new Error(`unexpected step ${step}: ${await text(page.locator('main'))}`);
        }
        await press(page, 'Continuați');
        const errors = await page.locator('.govuk-error-summary').count();
        if (errors) {
          await screenshot(page, `submission-step-${step}-error`);
          throw new Error(`${step} refused: ${await text(page.locator('.govuk-error-summary'))}`);
        }
      }
      expect(visited).toEqual(expect.arrayContaining(['tip_solicitant', 'scop']));
      // Selling a vehicle: no death certificate, no consent step, and the authorisation is not asked twice.
      expect(visited).not.toContain('acord-documente');
      expect(visited.filter((v) => v.startsWith('documente/'))).toEqual([]);

      // Check your answers: what the account knew is there too, with the attachment and the legal term.
      expect(await h1(page)).toContain('Verificați răspunsurile');
      const check = await text(page.locator('main'));
      expect(check).toContain('Maria Ionescu');
      expect(check).toContain('imputernicire.pdf');
      expect(check).toMatch(/Termenul legal\s*2 zile lucrătoare/);
      await checked(page, 'check your answers', 'submission-check');
      // Sending without the declaration is refused with a message that takes the focus.
      await press(page, 'Trimiteți cererea');
      expect(await text(page.locator('.govuk-error-summary'))).toMatch(/declarați/i);
      expect((await focused(page)).className).toContain('govuk-error-summary');
      await checked(page, 'check your answers with an error');
      await page.getByLabel('Declar pe propria răspundere că datele sunt corecte').check();
      await press(page, 'Trimiteți cererea');

      // The confirmation: registry number, tracking code, the receipt.
      expect(page.url()).toMatch(/\/confirmare-cerere$/);
      const panel = await text(page.locator('.govuk-panel'));
      expect(panel).toContain('Cererea a fost înregistrată');
      const number = /\d+\/\d{2}\.\d{2}\.\d{4}/.exec(panel)?.[0];
      expect(number).toBeTruthy();
      const code = /^Codul de urmărire: (.+)$/.exec(await text(page.locator('main p', { hasText: 'Codul de urmărire' })))?.[1];
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await checked(page, 'confirmation', 'submission-confirmation');
      // What the request told and the profile lacked is offered for the profile, and kept with one button.
      expect(await text(page.locator('main'))).toContain('Data viitoare nu vă mai întrebăm');
      await press(page, 'Salvați în profil');
      expect(page.url()).toMatch(/\/confirmare-cerere$/);
      expect(await text(page.locator('.govuk-notification-banner'))).toContain('Am salvat numărul de telefon în profilul dumneavoastră.');
      await checked(page, 'confirmation after saving to the profile');

      const receiptLink = page.getByRole('link', { name: 'Descărcați recipisa (PDF)' });
      const receipt = await page.context().request.get((await receiptLink.getAttribute('href'))!);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()['content-type']).toBe('application/pdf');
      const receiptPdf = join(dir, 'recipisa.pdf');
      writeFileSync(receiptPdf, await receipt.body());
      const receiptText = execFileSync('pdftotext', ['-layout', receiptPdf, '-'], { encoding: 'utf8' });
      expect(receiptText).toContain(number!);
      expect(receiptText).toContain('Certificat de atestare fiscală');

      // "Cererile mele" lists it; the case page shows the legal deadline and the days left.
      await visit(page, '/cont/cereri');
      await checked(page, 'my requests', 'submission-my-requests');
      const row = page.locator('main table tbody tr', { hasText: number! });
      await expect(row.count()).resolves.toBe(1);
      expect(await text(row)).toContain('Certificat de atestare fiscală');
      // The row stacks on the phone: the status and the deadline are on the screen, each under its column's heading,
      // not in columns beyond the right edge of a box scrolled sideways.
      await cellsOnScreen(row, 'a cell of “Cererile mele”');
      const status = row.locator('[data-label="Stadiu"]');
      expect(await text(status)).toBe('Înregistrată');
      expect(await status.evaluate((c) => getComputedStyle(c, '::before').content)).toMatch(/^"Stadiu"/);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), row.getByRole('link').first().click()]);
      expect(await h1(page)).toContain('Certificat de atestare fiscală');
      await checked(page, 'case page', 'submission-case');
      // The history and the documents stack too.
      for (const caseRow of await page.locator('main table tbody tr').all()) await cellsOnScreen(caseRow, 'a cell of the case page');
      const deadline = await text(page.locator('.govuk-summary-list__row', { hasText: 'Termen legal de răspuns' }));
      expect(deadline).toMatch(/\d{2}\.\d{2}\.\d{4}/);
      expect(deadline).toMatch(/mai (sunt \d+( de)? zile|este 1 zi)|termenul expiră astăzi/);
      expect(await text(page.locator('main'))).toContain(number!);
      expect(await text(page.locator('main'))).toContain('imputernicire.pdf');
      await page.close();
    },
  );

  it('reaches the first form page and its validation with JavaScript off', { timeout: 180_000 }, async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    page.setDefaultTimeout(20_000);
    await visit(page, '/');
    await page.getByRole('searchbox', { name: 'Ce doriți să rezolvați?' }).fill('certificat fiscal');
    await submit(page, 'q');
    const first = page.locator('main ul.govuk-list li a').first();
    expect((await text(first)).trim()).toBe('Certificat de atestare fiscală');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), first.click()]);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Depuneți cererea online' }).click()]);
    await page.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await submit(page, 'password');
    // (axe cannot run where scripts are off; the same pages are checked in the journey above.)
    await page.getByLabel('În nume propriu').check();
    await press(page, 'Începeți cererea');
    expect(page.url()).toMatch(/\/tip_solicitant$/);
    // Continuing without an answer: the error summary names the question and has the focus.
    await press(page, 'Continuați');
    const summary = await text(page.locator('.govuk-error-summary'));
    expect(summary).toContain('Există o problemă');
    expect(summary).toContain('Depuneți cererea ca:');
    expect((await focused(page)).className).toContain('govuk-error-summary');
    await screenshot(page, 'submission-nojs-error');
    // The link in the summary leads to the radios of that question.
    const target = await page.locator('.govuk-error-summary a').first().getAttribute('href');
    await expect(page.locator(`${target}`).getAttribute('name')).resolves.toBe('applicant_kind');
    await page.getByLabel('Persoană fizică').check();
    for (let i = 0; i < 3 && !page.url().endsWith('/scop'); i++) await press(page, 'Continuați');
    // Without JavaScript every follow-up of the purpose is shown, each under its option and saying which one.
    expect(page.url()).toMatch(/\/scop$/);
    const vehicle = page.locator('.govuk-radios__conditional', { has: page.locator('input[name=plate]') });
    await expect(vehicle.locator('.pd-no-js-only').isVisible()).resolves.toBe(true);
    await expect(text(vehicle.locator('.pd-no-js-only'))).resolves.toBe('Dacă ați ales „Vânzarea unui vehicul”:');
    await screenshot(page, 'submission-nojs-scop');

    // A page with buttons of its own (upload, remove a file): the keyboard meets one "Continuați", the accessibility
    // tree has one, and Enter in a text field continues — it neither uploads nor removes the file.
    await page.getByLabel('Vânzarea unui vehicul', { exact: true }).check();
    await page.getByLabel('Numărul de înmatriculare').fill('B 123 ABC');
    await page.getByLabel('În cont, semnat electronic (PDF)').check();
    await page.locator('input[name=on_behalf][value=da]').check();
    await page.locator('input[type=file][name=mandate]').setInputFiles(attachment);
    await press(page, 'Încărcați fișierul');
    const scop = page.url();
    expect(scop).toMatch(/\/scop$/);
    await expect(page.locator('main').getByRole('button', { name: /^Ștergeți imputernicire\.pdf/ }).count()).resolves.toBe(1);
    await expect(page.locator('main').getByRole('button', { name: 'Continuați', exact: true }).count()).resolves.toBe(1);
    const met: string[] = [];
    await page.locator('main form input:not([type=hidden])').first().focus();
    for (let i = 0; i < 60; i++) {
      const f = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return { inMain: Boolean(el?.closest('main')), tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim() };
      });
      if (!f.inMain) break;
      if (f.tag === 'button') met.push(f.text);
      await page.keyboard.press('Tab');
    }
    expect(met.filter((m) => m === 'Continuați')).toEqual(['Continuați']);
    await page.getByLabel('Numărul de înmatriculare').fill('B 123 ABC');
    await page.getByLabel('Vânzarea unui vehicul', { exact: true }).check();
    await page.getByLabel('În cont, semnat electronic (PDF)').check();
    await page.locator('input[name=on_behalf][value=da]').check();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByLabel('Numărul de înmatriculare').press('Enter')]);
    expect(page.url()).not.toMatch(/\/scop$/);
    await visit(page, new URL(scop).pathname);
    await expect(page.locator('main').getByRole('button', { name: /^Ștergeți imputernicire\.pdf/ }).count()).resolves.toBe(1);
    await page.close();
  });

  it('searches the catalogue from the home page with the keyboard only', { timeout: 180_000 }, async () => {
    const page = await b.newPage();
    await visit(page, '/');
    // The skip link comes first, then the header; the search box is reached with Tab.
    expect((await tabUntil(page, () => true, 1)).className).toContain('govuk-skip-link');
    const box = await tabUntil(page, (f) => f.tag === 'input' && f.id === 'q');
    expect(box.tag).toBe('input');
    await page.keyboard.type('certificat fiscal');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('certificat fiscal');
    // Past the search form again, the first result is the fiscal certificate; Enter opens it.
    const link = await tabUntil(page, (f) => f.tag === 'a' && (f.href ?? '').includes('/CERT-FISCAL'));
    expect(link.text).toBe('Certificat de atestare fiscală');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(await h1(page)).toContain('Certificat de atestare fiscală');
    // The start button is reachable and works with Enter too.
    await tabUntil(page, (f) => f.text.startsWith('Depuneți cererea online'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    await page.close();
  });
});
