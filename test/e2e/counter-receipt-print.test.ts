import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A clerk who prints the counter's confirmation page from the browser (Ctrl+P) instead of its PDF hands the person a
 * receipt too: one sheet, with the number, the tracking code and where to follow the request — not the clerk's own
 * instructions, the "file another request" link and a second sheet holding only the site's opening hours.
 */
let b: BrowserApp;
let dir: string;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
  dir = mkdtempSync(join(tmpdir(), 'pd-e2e-receipt-'));
}, 120_000);
afterAll(async () => {
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the counter confirmation printed from the browser', () => {
  it('is a one-sheet receipt saying where to follow the request', { timeout: 120_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, () => {
      offset += 30_000;
      return now();
    });
    await visit(page, '/birou/ghiseu/servicii/CERERE-GEN');
    await page.fill('[name=pLastName]', 'Țurcanu');
    await page.fill('[name=pFirstName]', 'Ștefania');
    await page.fill('[name=pCnp]', '1800101123450');
    await page.selectOption('[name=pIdType]', { index: 1 });
    await page.fill('[name=pIdSeries]', 'RX');
    await page.fill('[name=pIdNumber]', '123456');
    await page.fill('[name=pAddress]', 'Str. Sabinelor nr. 5, București');
    await page.check('[name=applicant_kind][value=pf]');
    await page.fill('[name="applicant_address-street"]', 'Str. Sabinelor');
    await page.fill('[name="applicant_address-number"]', '5');
    await page.fill('[name="applicant_address-locality"]', 'București');
    await page.fill('[name="applicant_address-county"]', 'Sector 5');
    await page.fill('[name=subject]', 'Adeverință');
    await page.fill('[name=content]', 'Vă rog să-mi eliberați o adeverință.');
    await page.check('[name=declaration_truth]');
    await page.fill('[name=pPageCount]', '1');
    await Promise.all([page.waitForNavigation(), page.locator('main form button[type=submit]').last().click()]);
    expect(new URL(page.url()).pathname).toMatch(/^\/birou\/ghiseu\/dosare\//);
    await expectNoAxeViolations(page, 'counter confirmation');
    // On screen, the clerk's instructions; the text meant for the printed sheet is not shown.
    expect(await page.getByRole('link', { name: 'Depune altă cerere' }).isVisible()).toBe(true);
    expect(await page.getByText('Păstrați această recipisă.').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const file = join(dir, 'confirmare.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBe(1);
    expect(text).toMatch(/Cerere înregistrată cu nr\. \d+\/\d{2}\.\d{2}\.\d{4}/);
    // The address may wrap where the line ends (its length follows the test server's port): read it without spaces.
    expect(text.replace(/\s/g, '')).toContain(`${b.baseUrl}/verificare-cerere?cod=`);
    expect(text).toContain('Păstrați această recipisă.');
    expect(text).not.toContain('Depune altă cerere');
    expect(text).not.toContain('Tipăriți recipisa și înmânați-o persoanei');
  });
});
