import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../src/platform/i18n/format.ts';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, textOf, visit } from './support/browser.ts';
import { beginFiscalCertificate } from './support/journeys.ts';

/*
 * An account may upload only so many files an hour (UPLOAD_FILES_PER_HOUR; two here). A citizen attaching the
 * scans of her authorisation one by one is refused the third: the page says she sent too many files, when she may send
 * again, and that nothing saved is lost — the two files already attached are still there and her request goes on.
 * axe on the refusal.
 */
const clock = testClock();
let b: BrowserApp;

beforeAll(async () => {
  b = await startBrowserApp({ clock, config: { uploadQuota: { filesPerHour: 2, bytesPerHour: 100 * 1024 * 1024, draftBytes: 100 * 1024 * 1024 } } });
}, 120_000);
afterAll(async () => b?.stop());

const scan = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });
const attached = (page: Page) => page.locator('main').getByRole('button', { name: /^Ștergeți imputernicire-/ });

/** The purpose page with the authorisation question shown, and one scan of it chosen and sent. */
async function uploadScan(page: Page, purposePage: string, name: string) {
  if (new URL(page.url()).pathname !== purposePage) await visit(page, purposePage);
  await page.getByLabel('Vânzarea unui vehicul', { exact: true }).check();
  await page.getByLabel('Numărul de înmatriculare').fill('B 123 ABC');
  await page.getByLabel('În cont, semnat electronic (PDF)').check();
  await page.locator('input[name=on_behalf][value=da]').check();
  await page.locator('input[type=file][name=mandate]').setInputFiles(scan(name));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('button', { name: 'Încărcați fișierul' }).first().click()]);
}

describe('the hour’s upload quota of an account', () => {
  it('refuses the file over it saying when to try again, and keeps the files already attached', { timeout: 180_000 }, async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.maria, clock.nextCode);
    const draft = await beginFiscalCertificate(page);
    const purpose = `${draft}/scop`;
    const firstUpload = clock.now();
    await uploadScan(page, purpose, 'imputernicire-1.pdf');
    expect(await textOf(page, '.govuk-notification-banner')).toContain('imputernicire-1.pdf');
    await uploadScan(page, purpose, 'imputernicire-2.pdf');
    expect(await attached(page).count()).toBe(2);

    const response = page.waitForResponse((r) => r.request().method() === 'POST');
    await uploadScan(page, purpose, 'imputernicire-3.pdf');
    expect((await response).status()).toBe(429);
    const until = new Date(firstUpload.getTime() + 60 * 60_000);
    const said = await textOf(page);
    expect(said).toContain('Ați trimis foarte multe fișiere în ultima oră.');
    // The time is the end of the hour that began with her first file (to the minute it is written in).
    expect(said).toMatch(/Puteți trimite din nou fișiere după (\d\d\.\d\d\.\d{4} \d\d:\d\d); ce ați salvat până acum nu s-a pierdut\./);
    const shown = /după (\d\d\.\d\d\.\d{4} \d\d:\d\d)/.exec(said)![1];
    expect([formatDateTime(until), formatDateTime(new Date(until.getTime() + 60_000))]).toContain(shown);
    // Not contradicted by the generic advice of a refusal, to wait a few minutes: that would be refused again.
    expect(said).not.toContain('Așteptați câteva minute');
    await screenshot(page, 'upload-quota-refused');
    await expectNoAxeViolations(page, 'upload refused over the hour’s quota');

    // Nothing saved is lost: both files are still attached to her request, the third was not stored.
    await visit(page, purpose);
    await page.locator('input[name=on_behalf][value=da]').check();
    expect(await attached(page).count()).toBe(2);
    const docs = await b.app.database.query<{ filename: string }>('SELECT filename FROM case_document WHERE draft_id = $1 ORDER BY filename', [draft.split('/').at(-1)]);
    expect(docs.map((d) => d.filename)).toEqual(['imputernicire-1.pdf', 'imputernicire-2.pdf']);

    // After the hour she sends files again.
    clock.advance(61 * 60_000);
    const again = await signInInBrowser(b, DEMO_ACCOUNTS.maria, clock.nextCode);
    await uploadScan(again, purpose, 'imputernicire-3.pdf');
    expect(await attached(again).count()).toBe(3);
  });
});
