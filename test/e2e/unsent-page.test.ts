import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { type BrowserApp, completeSignIn, expectNoAxeViolations, signInInBrowser, startBrowserApp, tabUntil, textOf, visit } from './support/browser.ts';
import { beginFiscalCertificate } from './support/journeys.ts';

/*
 * A citizen types her phone number on a page of her request, goes away, comes back after the session timed out and
 * presses Enter: nothing is saved, but what she typed is kept. The sign-in page says so; signed in again she lands on
 * "Trimiteți din nou pagina", and one button sends it — the draft then has her phone number and the request goes on
 * to its next page. Keyboard only from the moment she comes back; axe on the sign-in page and the kept page. Without
 * JavaScript it works the same (the kept page is a plain form). A page with a file keeps its text only: the file is
 * chosen again on the kept page, which sends both.
 */
const clock = testClock();
let b: BrowserApp;
const { maria, ion } = DEMO_ACCOUNTS;

beforeAll(async () => {
  b = await startBrowserApp({ clock });
}, 120_000);
afterAll(async () => b?.stop());

const draftAnswers = async (draftId: string) =>
  (await b.app.database.query<{ answers: Record<string, unknown> }>('SELECT answers FROM case_draft WHERE id = $1', [draftId]))[0]!.answers;

describe('a page sent after the session timed out', () => {
  it('is offered again after signing in, and one button sends it', { timeout: 180_000 }, async () => {
    const page = await signInInBrowser(b, maria, clock.nextCode);
    const draft = await beginFiscalCertificate(page);
    const draftId = draft.split('/').at(-1)!;
    const contact = `${draft}/contact`;
    await visit(page, contact);
    await page.getByLabel('Număr de telefon').focus();
    await page.keyboard.type('0722 123 456');

    // She comes back after the idle timeout and sends the page with Enter.
    clock.advance((b.app.deps.config.session.idleMinutes + 1) * 60_000);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    expect(await textOf(page)).toContain('Am păstrat ce ați scris: autentificați-vă din nou');
    expect((await draftAnswers(draftId)).phone).toBeUndefined();
    await expectNoAxeViolations(page, 'sign-in page, the page kept');

    // Signing in again with the keyboard only.
    await page.locator('input[name=email]').focus();
    await page.keyboard.type(maria.email);
    expect((await tabUntil(page, (f) => f.id === 'password', 3)).tag).toBe('input');
    await page.keyboard.type(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/cont\/pagina-netrimisa\/[0-9a-f-]{36}$/);
    expect(await textOf(page, 'h1')).toBe('Trimiteți din nou pagina');
    expect(await textOf(page)).toContain('Sesiunea s-a încheiat înainte să primim pagina pe care ați trimis-o, așa că nu s-a salvat nimic din ea.');
    // Nothing secret was on the page, so nothing is said about passwords or codes.
    expect(await textOf(page)).not.toContain('nu am păstrat parolele');
    expect(await page.locator('main a', { hasText: 'Nu trimiteți; mergeți la pagină' }).getAttribute('href')).toBe(contact);
    expect((await draftAnswers(draftId)).phone).toBeUndefined();
    await expectNoAxeViolations(page, 'the kept page');

    const button = await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Trimiteți din nou');
    expect(button.text).toBe('Trimiteți din nou');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    // Saved as if it had arrived in time: the request goes on to its next page.
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/cereri/ciorna/${draftId}/(?!contact$)`));
    expect((await draftAnswers(draftId)).phone).toBe('+40722123456');
    await visit(page, contact);
    expect(await page.getByLabel('Număr de telefon').inputValue()).toMatch(/722 ?123 ?456/);
  });

  it('works without JavaScript', { timeout: 180_000 }, async () => {
    const page = await signInInBrowser(b, ion, clock.nextCode, { javaScriptEnabled: false });
    const draft = await beginFiscalCertificate(page);
    const contact = `${draft}/contact`;
    await visit(page, contact);
    await page.getByLabel('Număr de telefon').fill('0733 222 111');
    clock.advance((b.app.deps.config.session.idleMinutes + 1) * 60_000);
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Continuați', exact: true }).click()]);
    expect(await textOf(page)).toContain('Am păstrat ce ați scris: autentificați-vă din nou');
    await completeSignIn(page, ion, clock.nextCode);
    expect(await textOf(page, 'h1')).toBe('Trimiteți din nou pagina');
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Trimiteți din nou' }).click()]);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${draft}/(?!contact$)`));
    expect((await draftAnswers(draft.split('/').at(-1)!)).phone).toBe('+40733222111');
  });

  it('of a page with a file keeps the text, and the file is chosen again on the page that sends it', { timeout: 180_000 }, async () => {
    const page = await signInInBrowser(b, maria, clock.nextCode);
    const draft = await beginFiscalCertificate(page);
    const draftId = draft.split('/').at(-1)!;
    await visit(page, `${draft}/scop`);
    await page.getByLabel('Alt scop').check();
    await page.getByLabel('Precizați scopul').fill('Dosar de bursă');
    await page.getByLabel('În cont, semnat electronic (PDF)').check();
    await page.locator('input[name=on_behalf][value=da]').check();
    const pdf = { name: 'imputernicire.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') };
    await page.locator('input[type=file][name=mandate]').setInputFiles(pdf);

    clock.advance((b.app.deps.config.session.idleMinutes + 1) * 60_000);
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Continuați', exact: true }).click()]);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    expect(await textOf(page)).toContain('Am păstrat ce ați scris, dar nu și fișierele atașate');
    expect((await draftAnswers(draftId)).other_purpose).toBeUndefined();

    await completeSignIn(page, maria, clock.nextCode);
    expect(await textOf(page, 'h1')).toBe('Trimiteți din nou pagina');
    expect(await textOf(page)).toContain('Fișierele atașate nu s-au păstrat');
    await expectNoAxeViolations(page, 'the kept page with a file to choose again');
    await page.getByLabel('Alegeți din nou: imputernicire.pdf').setInputFiles(pdf);
    await Promise.all([page.waitForNavigation(), page.locator('main').getByRole('button', { name: 'Trimiteți din nou' }).click()]);
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${draft}/(?!scop$)`));
    expect((await draftAnswers(draftId)).other_purpose).toBe('Dosar de bursă');
    const [attached] = await b.app.database.query<{ n: number }>('SELECT count(*)::int AS n FROM case_document WHERE draft_id = $1', [draftId]);
    expect(attached!.n).toBe(1);
  });
});
