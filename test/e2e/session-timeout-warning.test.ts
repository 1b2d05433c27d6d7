import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, focused, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * WCAG 2.2.1 Timing Adjustable. Maria types her address on her profile page and stops to look for a document: two
 * minutes before her session would end for inactivity, a dialog tells her so, with the keyboard's focus on "Continuați
 * sesiunea"; pressing it keeps her signed in. Left alone, the dialog says the session ended and what happens to what she
 * typed. The idle timeout is 4 minutes here; the browser's clock (Playwright's fake timers) and the app's clock are
 * moved on together instead of waiting.
 */
const IDLE_MINUTES = 4;
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const ADDRESS = 'Str. Fabrica de Chibrituri nr. 9, Sector 5, București';
const WARNING = 'Sesiunea dumneavoastră se încheie în 2 minute din cauza inactivității. Ce ați scris pe această pagină se păstrează.';

beforeAll(async () => {
  b = await startBrowserApp({ config: { session: { idleMinutes: IDLE_MINUTES, absoluteHours: 12 } } });
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

/** Both clocks on by `ms`: the app's, and the page's timers (each due one fires once). */
async function wait(page: Page, ms: number) {
  offset += ms;
  await page.clock.fastForward(ms);
}

/** Maria on her profile page, the address field changed and focused, the warning's script loaded. */
async function typingOnProfile(): Promise<Page> {
  const page = await signInInBrowser(b, DEMO_ACCOUNTS.maria, now);
  await page.clock.install();
  await visit(page, '/cont/profil');
  await page.waitForSelector('#pd-session-timeout', { state: 'attached' });
  await page.fill('#address', ADDRESS);
  return page;
}

const dialog = (page: Page) => page.locator('dialog[role=alertdialog]');

describe('the session-timeout warning', () => {
  it('warns two minutes before, with the focus on "Continuați sesiunea", and keeps the session alive from the keyboard', { timeout: 120_000 }, async () => {
    const page = await typingOnProfile();
    expect(await dialog(page).isVisible()).toBe(false);

    await wait(page, 130_000);
    await dialog(page).waitFor({ state: 'visible' });
    expect(await dialog(page).getAttribute('aria-modal')).toBe('true');
    expect(await page.locator('#pd-session-timeout-title').textContent()).toBe('Sesiunea se încheie în curând');
    expect(await page.locator('#pd-session-timeout-text').textContent()).toBe(WARNING);
    const onOpen = await focused(page);
    expect(onOpen).toMatchObject({ tag: 'button', text: 'Continuați sesiunea' });
    await expectNoAxeViolations(page, 'profile page with the session-timeout warning open');
    await screenshot(page, 'session-timeout-warning', false);
    // The countdown is not read out every second: the live region is still silent 20 seconds on.
    await page.clock.runFor(20_000);
    offset += 20_000;
    expect(await page.locator('dialog [aria-live]').textContent()).toBe('');
    // A minute before the end it is said once more.
    await page.clock.runFor(30_000);
    offset += 30_000;
    await page.waitForFunction(() => document.querySelector('dialog [aria-live]')?.textContent?.includes('se încheie într-un minut'));

    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'hidden' });
    // Back where she was, with what she typed, told once that the session goes on.
    expect(await focused(page)).toMatchObject({ tag: 'textarea', id: 'address' });
    expect(await page.inputValue('#address')).toBe(ADDRESS);
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Sesiunea continuă.');

    // Past the 4 minutes counted from signing in, she is still signed in and saves what she typed.
    offset += 90_000;
    await Promise.all([page.waitForNavigation(), page.locator('main form[action="/cont/profil"] button[type=submit]').click()]);
    expect(new URL(page.url()).pathname).toBe('/cont/profil');
    expect(await page.inputValue('#address')).toBe(ADDRESS);
    await expectNoAxeViolations(page, 'profile saved after continuing the session');
  });

  it('says so when the session has ended, and what happens to what was typed; Escape in the warning continues', { timeout: 120_000 }, async () => {
    const page = await typingOnProfile();
    await wait(page, 130_000);
    await dialog(page).waitFor({ state: 'visible' });
    // Escape is "Continuați sesiunea" too: the person is here.
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Sesiunea continuă.');

    // Now she really goes away: the warning comes again, then the end.
    await wait(page, 120_000);
    await dialog(page).waitFor({ state: 'visible' });
    await wait(page, 130_000);
    await page.locator('#pd-session-timeout-title', { hasText: 'Sesiunea s-a încheiat' }).waitFor();
    const text = await dialog(page).textContent();
    expect(text).toContain('Sesiunea s-a încheiat din cauza inactivității');
    expect(text).toContain('Ce ați scris pe această pagină nu s-a pierdut: apăsați butonul paginii ca de obicei, autentificați-vă din nou');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Închideți mesajul' });
    await expectNoAxeViolations(page, 'profile page with the session-ended message open');
    await screenshot(page, 'session-timeout-ended', false);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatchObject({ id: 'address' });
    // Closed, it is not shown again on coming back to the tab.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(500);
    expect(await dialog(page).isVisible()).toBe(false);

    // As the message says: sending the page asks for signing in, and what was typed waits for her.
    await Promise.all([page.waitForNavigation(), page.locator('main form[action="/cont/profil"] button[type=submit]').click()]);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    expect(await page.locator('main').textContent()).toContain('Am păstrat ce ați scris');
  });

  it('says the session cannot be extended when its absolute limit comes first, then that it ended', { timeout: 120_000 }, async () => {
    const page = await typingOnProfile();
    // Signed in long ago: the absolute limit (SESSION_ABSOLUTE_HOURS) is under 3 minutes away, before the idle timeout.
    await b.app.database.query('UPDATE session SET expires_at = $1 WHERE revoked_at IS NULL AND account_id = (SELECT id FROM account WHERE email = $2)', [
      new Date(now().getTime() + 170_000),
      DEMO_ACCOUNTS.maria.email,
    ]);
    await wait(page, 60_000);
    await dialog(page).waitFor({ state: 'visible' });
    expect(await page.locator('#pd-session-timeout-title').textContent()).toBe('Sesiunea nu mai poate fi prelungită');
    expect(await page.locator('#pd-session-timeout-text').textContent()).toMatch(
      /^Sesiunea dumneavoastră se încheie în 2 minute: a ajuns la durata maximă și nu mai poate fi prelungită\. Salvați sau trimiteți acum ce ați scris pe această pagină/,
    );
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Închideți mesajul' });
    await expectNoAxeViolations(page, 'profile page with the absolute-limit warning open');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await focused(page)).toMatchObject({ id: 'address' });

    await wait(page, 130_000);
    await page.locator('#pd-session-timeout-title', { hasText: 'Sesiunea s-a încheiat' }).waitFor();
    expect(await page.locator('#pd-session-timeout-text').textContent()).toBe('Sesiunea s-a încheiat: a ajuns la durata maximă.');
  });

  it('does not warn while the person works in another tab', { timeout: 120_000 }, async () => {
    const page = await typingOnProfile();
    offset += 100_000;
    const other = await page.context().newPage();
    await visit(other, '/cont');
    // The profile tab asks the server before warning, and hears of the other tab's activity.
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/session'));
    offset += 30_000;
    await page.clock.fastForward(130_000);
    expect((await (await asked).json()).secondsLeft).toBeGreaterThan(3 * 60);
    await page.waitForTimeout(300);
    expect(await dialog(page).isVisible()).toBe(false);
  });

  it('is in English on an English page', { timeout: 120_000 }, async () => {
    const page = await typingOnProfile();
    await visit(page, '/cont/profil?lang=en');
    await page.waitForSelector('#pd-session-timeout', { state: 'attached' });
    await wait(page, 130_000);
    await dialog(page).waitFor({ state: 'visible' });
    expect(await page.locator('#pd-session-timeout-text').textContent()).toBe(
      'Your session will end in 2 minutes because you have been inactive. What you typed on this page is kept.',
    );
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Continue session' });
  });

  it('is not there without JavaScript, where a page sent late is kept as before', { timeout: 120_000 }, async () => {
    const page = await b.newPage({ javaScriptEnabled: false });
    await visit(page, '/autentificare');
    await page.fill('input[name=email]', DEMO_ACCOUNTS.maria.email);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.locator('main form:has([name=password]) button[type=submit]').click()]);
    await visit(page, '/cont/profil');
    expect(await page.locator('dialog').count()).toBe(0);
    await page.fill('#address', ADDRESS);
    offset += (IDLE_MINUTES + 1) * 60_000;
    await Promise.all([page.waitForNavigation(), page.locator('main form[action="/cont/profil"] button[type=submit]').click()]);
    expect(new URL(page.url()).pathname).toBe('/autentificare');
    expect(await page.locator('main').textContent()).toContain('Am păstrat ce ați scris');
  });
});
