import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A reorganisation in the browser: the administrator renames a service and moves it under another directorate, is
 * told what keeps a busy service open when trying to close it, then adds a temporary office and closes it — with the
 * keyboard where a person would use it, axe on every page.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

const click = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);

describe('a reorganisation of the city hall', () => {
  it('renames, moves and closes departments, and says what keeps one open', { timeout: 120_000 }, async () => {
    const admin = await signInInBrowser(b, DEMO_ACCOUNTS.administrator, () => {
      offset += 30_000;
      return now();
    });
    await visit(admin, '/admin/organizatie');
    await expectNoAxeViolations(admin, 'organisation');

    // Rename and move the building-permits service under the legal directorate.
    await Promise.all([admin.waitForNavigation(), admin.getByRole('link', { name: /Modificați compartimentul Serviciul Autorizații de Construire/ }).click()]);
    await expectNoAxeViolations(admin, 'change a department');
    await admin.fill('input[name=name]', 'Serviciul Autorizări Construcții');
    const jurValue = await admin.locator('select[name=parentId] option', { hasText: 'Direcția Juridică (JUR)' }).getAttribute('value');
    await admin.selectOption('select[name=parentId]', jurValue!);
    // Without the council decision: the error summary takes focus and what was typed stays.
    await click(admin, 'main form button');
    expect(await admin.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    expect(await admin.inputValue('input[name=name]')).toBe('Serviciul Autorizări Construcții');
    await expectNoAxeViolations(admin, 'change a department, no decision');
    await admin.fill('input[name=decision]', 'HCL nr. 45/2026');
    await admin.focus('main form button');
    await Promise.all([admin.waitForNavigation(), admin.keyboard.press('Enter')]);
    expect(await admin.locator('.govuk-notification-banner').textContent()).toContain('Serviciul Autorizări Construcții');
    const jur = admin.locator('main li', { hasText: 'Direcția Juridică' }).first();
    expect(await jur.textContent()).toContain('Serviciul Autorizări Construcții');

    // A busy service cannot be closed: the page says what to move first.
    await Promise.all([admin.waitForNavigation(), admin.getByRole('link', { name: /Modificați compartimentul Serviciul Certificate de Urbanism/ }).click()]);
    await Promise.all([admin.waitForNavigation(), admin.getByRole('link', { name: /Desființați compartimentul/ }).click()]);
    expect(await admin.locator('main').textContent()).toContain('Compartimentul nu poate fi desființat încă.');
    expect(await admin.locator('main button').count()).toBe(0);
    await expectNoAxeViolations(admin, 'close a busy department');
    if (process.env.SHOT) await admin.screenshot({ path: `${process.env.SHOT}.busy.png`, fullPage: true });

    // A new office, closed again.
    await visit(admin, '/admin/organizatie/compartiment-nou');
    await admin.check('input[name=kind][value=birou]');
    await admin.fill('input[name=name]', 'Biroul Temporar de Inventariere');
    await admin.fill('input[name=code]', 'TEMP');
    await admin.fill('input[name=decision]', 'HCL nr. 50/2026');
    await click(admin, 'main form button');
    await Promise.all([admin.waitForNavigation(), admin.getByRole('link', { name: /Modificați compartimentul Biroul Temporar de Inventariere/ }).click()]);
    await Promise.all([admin.waitForNavigation(), admin.getByRole('link', { name: /Desființați compartimentul/ }).click()]);
    await expectNoAxeViolations(admin, 'close an empty department');
    await admin.fill('input[name=decision]', 'HCL nr. 51/2026');
    await click(admin, 'main form button');
    expect(await admin.locator('.govuk-notification-banner').textContent()).toContain('a fost desființat');
    expect(await admin.locator('main').textContent()).toContain('Compartimente desființate');
    await expectNoAxeViolations(admin, 'organisation after closing');
    if (process.env.SHOT) await admin.screenshot({ path: process.env.SHOT, fullPage: true });
  });
});
