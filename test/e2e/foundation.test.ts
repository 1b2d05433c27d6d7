import { readFileSync } from 'node:fs';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpCheckDigit } from '../../src/platform/ids/cnp.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoTotpCode } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, focused, startBrowserApp, visit } from './support/browser.ts';

/*
 * The foundation's "done when": a newcomer registers, confirms the e-mail from the outbox page, signs in, turns on
 * two-factor, signs in again, switches to English and downloads their data; an administrator invites an
 * official, who joins with two-factor. axe runs on every page on the way.
 */

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
});
afterAll(async () => b?.stop());

const totpFrom = (secretText: string) => new TOTP({ secret: Secret.fromBase32(secretText.replace(/\s+/g, '')), digits: 6, period: 30, algorithm: 'SHA1' });

/** Presses the submit button of the form that holds the field `name` (labels differ by page and language). */
async function submit(page: Page, name: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`main form:has([name="${name}"]) button[type=submit]`).last().click()]);
}

async function checked(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
}

/** Opens the newest outbox message sent to `email` and returns the page showing it. */
async function openOutboxMessage(page: Page, email: string) {
  await visit(page, `/dev/mesaje?to=${encodeURIComponent(email)}`);
  await checked(page, 'outbox list');
  await page.locator('tr', { hasText: email }).first().locator('a').first().click();
  await page.waitForLoadState('load');
  await checked(page, 'outbox message');
}

describe('a newcomer', () => {
  const email = `ana.ionescu.${Date.now()}@example.demo`;
  const body = `2950615${'46'}123`;
  const cnp = `${body}${cnpCheckDigit(body)}`;
  const password = 'Castan-Inflorit-2026';
  let recoveryCodes: string[] = [];

  it('creates an account with a specific error first, then successfully', { timeout: 180_000 }, async () => {
    const page = await b.newPage();
    await visit(page, '/');
    await checked(page, 'home');
    await page.getByRole('link', { name: 'Creați un cont' }).first().click();
    await checked(page, 'registration choice');
    await page.getByLabel('Persoană fizică', { exact: false }).check();
    await submit(page, 'kind');
    await page.waitForURL('**/inregistrare/persoana');
    await checked(page, 'person form');

    await page.fill('input[name=firstName]', 'Ana');
    await page.fill('input[name=lastName]', 'Ionescu');
    await page.fill('input[name=cnp]', `${body}${(cnpCheckDigit(body) + 1) % 10}`);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.fill('input[name=passwordConfirm]', password);
    await page.check('input[name=acceptTerms]');
    await submit(page, 'cnp');
    expect(await page.locator('.govuk-error-summary').innerText()).toMatch(/CNP/);
    expect((await focused(page)).className).toContain('govuk-error-summary');
    expect(await page.inputValue('input[name=firstName]')).toBe('Ana');
    await checked(page, 'person form with errors');

    await page.fill('input[name=cnp]', cnp);
    await page.fill('input[name=password]', password);
    await page.fill('input[name=passwordConfirm]', password);
    await submit(page, 'cnp');
    // The same answer as for an address that already has an account: check your e-mail, nobody signed in yet.
    expect(await page.locator('h1').innerText()).toBe('Verificați-vă e-mailul');
    expect(await page.locator('main').innerText()).toContain(email);
    await checked(page, 'check your email');

    // The confirmation link is in the developers' outbox; it leads to signing in.
    await openOutboxMessage(page, email);
    await page.locator('a[href*="/confirmare-email?token="]').first().click();
    await page.waitForURL('**/autentificare');
    await checked(page, 'email confirmed');
    expect(await page.locator('main').innerText()).toMatch(/confirmat/i);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await submit(page, 'password');
    await page.waitForURL('**/cont');
    await checked(page, 'account home');

    // Two-factor on.
    await visit(page, '/cont/doi-factori');
    await checked(page, 'two-factor setup');
    const secret = (await page.locator('#totp-secret').textContent()) ?? '';
    await page.fill('input[name=code]', totpFrom(secret).generate());
    await submit(page, 'code');
    await checked(page, 'recovery codes');
    recoveryCodes = await page.locator('#recovery-codes code').allInnerTexts();
    expect(recoveryCodes).toHaveLength(10);
    await page.close();
  });

  it('signs in with password and second factor, switches to English and downloads their data', { timeout: 180_000 }, async () => {
    const page = await b.newPage({ acceptDownloads: true });
    await visit(page, '/autentificare');
    await checked(page, 'sign in');
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await submit(page, 'password');
    await page.waitForURL('**/autentificare/doi-factori**');
    await checked(page, 'second factor');
    // The TOTP code of this 30-second window was spent on setup: a recovery code works once.
    await page.fill('input[name=code]', recoveryCodes[0]!);
    await submit(page, 'code');
    await page.waitForURL('**/cont');
    await checked(page, 'account home');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForLoadState('load');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('header').innerText()).toContain('My account');
    await checked(page, 'account home in English');

    await visit(page, '/cont/datele-mele');
    await checked(page, 'my data (English)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href="/cont/datele-mele.json"]').first().click()]);
    const file = await download.path();
    const data = readFileSync(file!, 'utf8');
    expect(data).toContain(cnp);
    expect(data).toContain(email);
    expect(data).not.toContain('$argon2');
    await page.close();
  });
});

describe('an administrator', () => {
  const invitee = `dan.matei.${Date.now()}@primaria5.demo`;

  it('invites an official who joins with two-factor', { timeout: 180_000 }, async () => {
    const page = await b.newPage();
    await visit(page, '/autentificare');
    await page.fill('input[name=email]', DEMO_ACCOUNTS.administrator.email);
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await submit(page, 'password');
    await page.waitForURL('**/autentificare/doi-factori**');
    await page.fill('input[name=code]', demoTotpCode(new Date()));
    await submit(page, 'code');

    await visit(page, '/admin');
    await checked(page, 'admin dashboard');
    await visit(page, '/admin/functionari');
    await checked(page, 'officials');
    await visit(page, '/admin/functionari/invita');
    await checked(page, 'invite form');
    await page.fill('input[name=displayName]', 'Dan Matei');
    await page.fill('input[name=email]', invitee);
    await page.check('input[name=role][value=inspector]');
    await page.locator('select[name=departmentId]').selectOption({ label: 'Serviciul Certificate de Urbanism' }).catch(async () => {
      const options = await page.locator('select[name=departmentId] option').allInnerTexts();
      const match = options.find((o) => o.includes('Certificate de Urbanism'))!;
      await page.locator('select[name=departmentId]').selectOption({ label: match });
    });
    await submit(page, 'displayName');
    await checked(page, 'invitation sent');
    expect(await page.locator('main').innerText()).toContain(invitee);
    await page.close();

    // The invitee opens the e-mail in their own browser.
    const official = await b.newPage();
    await openOutboxMessage(official, invitee);
    await official.locator('a[href*="/invitatie?token="]').first().click();
    await official.waitForLoadState('load');
    await checked(official, 'join page');
    await official.fill('input[name=password]', 'Plop-Verde-Sector5');
    await official.fill('input[name=passwordConfirm]', 'Plop-Verde-Sector5');
    await submit(official, 'passwordConfirm');
    await official.waitForURL('**/cont/doi-factori**');
    await checked(official, 'mandatory two-factor setup');
    // Without two-factor the office is closed to them.
    await official.goto('/admin');
    expect(official.url()).toContain('/cont/doi-factori');

    const secret = (await official.locator('#totp-secret').textContent()) ?? '';
    await official.fill('input[name=code]', totpFrom(secret).generate());
    await submit(official, 'code');
    await checked(official, 'official recovery codes');
    await visit(official, '/cont');
    expect(await official.locator('header').innerText()).toContain('Birou');
    await official.close();
  });
});
