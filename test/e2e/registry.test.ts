import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validCnp } from '../../src/modules/identity/test-helpers.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpCode } from '../../src/modules/identity/seed-demo.ts';
import { formatDate } from '../../src/platform/i18n/format.ts';
import { PdfWriter } from '../../src/platform/pdf/pdf-document.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, startBrowserApp, visit } from './support/browser.ts';

/*
 * The registry's "done when": a clerk registers a paper petition (with its scan) and, at the counter, a request for
 * someone without an account; the day's register export lists both in number order, the printable register too, and
 * the person checks the status on the public page with the code and number from the counter receipt. axe (WCAG 2.2
 * AA) runs on every page on the way.
 */

let b: BrowserApp;
let dir: string;
let scan: string;

beforeAll(async () => {
  b = await startBrowserApp();
  dir = mkdtempSync(join(tmpdir(), 'pd-e2e-registry-'));
  const pdf = await PdfWriter.create({ title: 'Petiție', author: 'Vasile Gheorghe' });
  pdf.heading('Petiție');
  pdf.text('Subsemnatul Vasile Gheorghe vă rog să reparați iluminatul public de pe strada Sabinelor, care nu funcționează de o lună.');
  scan = join(dir, 'petitie-scanata.pdf');
  writeFileSync(scan, await pdf.save());
});
afterAll(async () => {
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Presses the submit button of the form that holds the field `name`. */
async function submit(page: Page, name: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`main form:has([name="${name}"]) button[type=submit]`).last().click()]);
}

async function checked(page: Page, label: string, shot?: string) {
  if (shot) await screenshot(page, shot);
  await expectNoAxeViolations(page, label);
}

/** The text of an element, whitespace collapsed. */
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Saves a response body under the temporary folder and returns the text pdftotext reads from it. */
function pdfText(bytes: Buffer, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const NUMBER = /(\d+)\/(\d{2}\.\d{2}\.\d{4})/;
const personCnp = validCnp(417);

describe('a registry clerk', () => {
  it('registers a paper petition and a counter request for someone without an account; the register export lists both in order', { timeout: 180_000 }, async () => {
    const page = await b.newPage({ acceptDownloads: true });
    await visit(page, '/autentificare');
    await page.fill('input[name=email]', DEMO_ACCOUNTS.registryClerk.email);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await submit(page, 'password');
    await page.waitForURL('**/autentificare/doi-factori**');
    await page.fill('input[name=code]', demoTotpCode(new Date()));
    await submit(page, 'code');

    // The register, then a paper petition that came by post, with its scan.
    await visit(page, '/birou/registratura');
    await checked(page, 'register', 'registry-list');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Înregistrează un document' }).first().click()]);
    await checked(page, 'registration form', 'registry-form');
    await page.getByLabel('Poștă').check();
    await page.getByLabel('Emitentul (nume și prenume sau denumire)').fill('Vasile Gheorghe');
    await page.locator('summary', { hasText: 'Alte date (opțional)' }).click();
    await page.getByLabel('Adresa de corespondență a emitentului (opțional)').fill('Str. Sabinelor nr. 12, Sector 5, București');
    await page.getByLabel('Conținutul pe scurt').fill('Petiție privind iluminatul public de pe strada Sabinelor');
    await page.getByLabel('Număr de file').fill('1');
    await page.locator('input[type=file][name=scan]').setInputFiles(scan);
    await page.getByLabel('Creează dosar pentru acest document').selectOption({ label: 'Petiție' });
    await submit(page, 'issuerName');
    const flash = await text(page.locator('.govuk-notification-banner'));
    // The success message has the focus, so a screen reader announces it (an alert present at load is not read out).
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-notification-banner--success'))).toBe(true);
    const petitionNumber = NUMBER.exec(flash)?.[0];
    expect(petitionNumber, flash).toBeTruthy();
    await checked(page, 'registered entry', 'registry-entry');
    expect(await text(page.locator('main'))).toContain('petitie-scanata.pdf');

    // At the counter: a general request for someone without an account, identified by their identity card.
    await visit(page, '/birou/ghiseu');
    await checked(page, 'counter', 'registry-counter');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Cerere generală' }).click()]);
    await checked(page, 'counter form', 'registry-counter-form');
    await page.fill('input[name=pLastName]', 'Stan');
    await page.fill('input[name=pFirstName]', 'Gheorghe');
    await page.fill('input[name=pCnp]', personCnp);
    await page.locator('select[name=pIdType]').selectOption('CI');
    await page.fill('input[name=pIdSeries]', 'RX');
    await page.fill('input[name=pIdNumber]', '123456');
    await page.fill('input[name=pPhone]', '0722 111 222');
    await page.getByLabel('Persoană fizică').check();
    await page.locator('input[name=applicant_address-street]').fill('Str. Sabinelor');
    await page.locator('input[name=applicant_address-number]').fill('12');
    await page.locator('input[name=applicant_address-locality]').fill('București');
    await page.locator('input[name=applicant_address-county]').fill('Sector 5');
    await page.getByLabel('Pe scurt, despre ce este cererea?').fill('Copie după autorizația de construire a blocului');
    await page.getByLabel('Conținutul cererii').fill('Vă rog să îmi eliberați o copie a autorizației de construire pentru blocul din str. Sabinelor nr. 12.');
    await page.locator('input[name=declaration_truth]').check();
    await page.getByLabel('Număr de file').fill('2');
    await page.locator('input[type=file][name=pScans]').setInputFiles(scan);
    await submit(page, 'pCnp');
    if (await page.locator('.govuk-error-summary').count()) {
      await screenshot(page, 'registry-counter-form-error');
      throw new Error(await text(page.locator('.govuk-error-summary')));
    }
    await checked(page, 'counter request filed', 'registry-counter-done');
    const done = await text(page.locator('main'));
    const counterNumber = NUMBER.exec(await text(page.locator('.govuk-panel')))?.[0];
    expect(counterNumber, done).toBeTruthy();
    const trackingCode = await text(page.locator('.govuk-panel strong'));
    expect(trackingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(done).toContain('Stan Gheorghe');
    expect(done).toContain('CI RX 123456');
    // The receipt for the person: the number, the code and the name on paper.
    const receiptHref = await page.getByRole('button', { name: 'Tipărește recipisa (PDF)' }).getAttribute('href');
    const receipt = await page.context().request.get(receiptHref!);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    const receiptText = pdfText(await receipt.body(), 'recipisa-ghiseu.pdf');
    expect(receiptText).toContain(counterNumber!);
    expect(receiptText).toContain(trackingCode);
    expect(receiptText).toContain('Stan Gheorghe');

    // Both are in the register, the counter request under its own number.
    await visit(page, '/birou/registratura');
    await checked(page, 'register with both entries', 'registry-list-full');
    await expect(text(page.locator('main table'))).resolves.toContain('Vasile Gheorghe');
    await expect(text(page.locator('main table tr', { hasText: counterNumber! }))).resolves.toContain('Stan Gheorghe');

    // The register of the day: the form offers today; the CSV lists both entries in number order.
    const today = formatDate(new Date());
    await visit(page, '/birou/registratura/export');
    await checked(page, 'register export', 'registry-export');
    expect(await page.inputValue('input[name=de_la]')).toBe(today);
    expect(await page.inputValue('input[name=pana_la]')).toBe(today);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Descarcă CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^registru-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).trim().split(/\r\n/);
    const numbers = rows.slice(1).map((r) => Number(r.split(';')[0]!.replace(/"/g, '')));
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    const petitionRow = rows.findIndex((r) => r.includes('Vasile Gheorghe'));
    const counterRow = rows.findIndex((r) => r.includes('Stan Gheorghe'));
    expect(petitionRow).toBeGreaterThan(0);
    expect(counterRow).toBeGreaterThan(petitionRow);
    expect(rows[petitionRow]!.startsWith(`${NUMBER.exec(petitionNumber!)![1]};`) || rows[petitionRow]!.startsWith(`"${NUMBER.exec(petitionNumber!)![1]}`)).toBe(true);

    // The printable register of the same day has both.
    const pdfHref = `/birou/registratura/export?de_la=${today}&pana_la=${today}&format=pdf`;
    const register = await page.context().request.get(pdfHref);
    expect(register.status()).toBe(200);
    expect(register.headers()['content-type']).toBe('application/pdf');
    const registerText = pdfText(await register.body(), 'registru.pdf');
    expect(registerText).toContain('Vasile Gheorghe');
    expect(registerText).toContain('Stan Gheorghe');
    expect(registerText.indexOf('Vasile Gheorghe')).toBeLessThan(registerText.indexOf('Stan Gheorghe'));
    await page.close();

    // The person checks the status on the public page, without an account, with what the receipt says.
    const citizen = await b.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await visit(citizen, '/verificare-cerere');
    await checked(citizen, 'public status check', 'registry-status-check-360');
    await citizen.getByLabel('Cod de urmărire').fill(trackingCode);
    await citizen.getByLabel('Număr de înregistrare').fill(counterNumber!);
    await submit(citizen, 'numar');
    const result = await text(citizen.locator('main section'));
    // The result is what a screen reader reads first: it has the focus.
    expect(await citizen.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('rezultat');
    expect(result).toContain('Cerere generală');
    expect(result).toContain(counterNumber!);
    expect(result).toContain('Înregistrată');
    expect(result).not.toContain('Stan');
    await checked(citizen, 'public status result', 'registry-status-result-360');
    await citizen.close();
  });
});
