import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, tabUntil, visit } from './support/browser.ts';

/*
 * The administrator's first week, keyboard only where it matters: a new department under a directorate (after the
 * council's decision), a new service routed to it, its definition edited and published straight from the editor.
 * axe (WCAG 2.2 AA) runs on every administration page visited.
 */

let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Enter on what has focus, waiting for the next page. */
async function enter(page: Page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

describe('catalogue and organisation administration', () => {
  it('adds a department by keyboard, routes a new service to it, and publishes the edits typed in the editor', async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.administrator, () => {
      offset += 30_000;
      return now();
    });

    await visit(page, '/admin/organizatie');
    await expectNoAxeViolations(page, 'organisation');
    await tabUntil(page, (f) => f.text === 'Adăugați un compartiment');
    await enter(page);
    expect(new URL(page.url()).pathname).toBe('/admin/organizatie/compartiment-nou');
    await expectNoAxeViolations(page, 'new department');
    await page.locator('select[name=parentId]').focus();
    // Typed letters pick an option (Playwright types "ț" as text, not as a key, so only the ASCII start is typed):
    // "Direc" is the first directorate (Autorizări Comerciale), then its service, then Urbanism.
    await page.keyboard.type('Direc');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('select[name=parentId] option:checked').textContent()).toBe('Direcția Generală de Urbanism și Amenajarea Teritoriului (DGU)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // "Serviciu"
    await page.keyboard.press('Tab');
    await page.keyboard.type('Serviciul Control Lucrări pe Domeniul Public');
    await page.keyboard.press('Tab');
    await page.keyboard.type('CLDP');
    await page.keyboard.press('Tab');
    await page.keyboard.type('HCL nr. 123/2026');
    await enter(page);
    expect(await main(page)).toContain('Compartimentul „Serviciul Control Lucrări pe Domeniul Public” a fost adăugat.');
    const tree = page.locator('main li', { hasText: 'Direcția Generală de Urbanism' }).first();
    expect(await tree.textContent()).toContain('Serviciul Control Lucrări pe Domeniul Public (serviciu, CLDP)');

    await visit(page, '/admin/servicii/sector5/nou');
    await page.fill('input[name=code]', 'AVIZ-SPARGERE');
    await page.check('input[name=category][value=urbanism]');
    await page.fill('input[name=nameRo]', 'Autorizație de spargere a domeniului public');
    await page.fill('input[name=nameEn]', 'Permit to dig up the public domain');
    await page.check('input[name=departmentCode][value=CLDP]');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Creați ciorna' }).click()]);
    expect(new URL(page.url()).pathname).toBe('/admin/servicii/sector5/AVIZ-SPARGERE/ciorna');
    await expectNoAxeViolations(page, 'editor');

    // Leaving with an unsaved edit (a link, the back button) asks first; staying keeps the text.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });
    await page.locator('textarea[name=definition]').press('End');
    await page.keyboard.type(' ');
    await page.getByRole('link', { name: 'Înapoi' }).click();
    await page.waitForTimeout(500);
    expect(dialogs).toEqual(['beforeunload']);
    expect(new URL(page.url()).pathname).toBe('/admin/servicii/sector5/AVIZ-SPARGERE/ciorna');

    // Edited and published without saving first: what is on the screen is what gets published (and no question asked).
    const definition = JSON.parse(await page.locator('textarea[name=definition]').inputValue());
    expect(Object.keys(definition)[0]).toBe('code');
    definition.term = { days: 15, unit: 'working' };
    await page.fill('textarea[name=definition]', JSON.stringify(definition, null, 2));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Publicați versiunea 1' }).click()]);
    expect(await main(page)).toContain('Versiunea 1 a fost publicată.');
    expect(dialogs).toEqual(['beforeunload']);

    const citizen = await b.newPage();
    await visit(citizen, '/servicii?q=autorizatie+spargere');
    await Promise.all([citizen.waitForNavigation({ waitUntil: 'load' }), citizen.getByRole('link', { name: 'Autorizație de spargere a domeniului public' }).click()]);
    const page2 = await main(citizen);
    expect(page2).toContain('15 zile lucrătoare');
    expect(page2).toContain('Serviciul Control Lucrări pe Domeniul Public');
  });

  it('withdraws a service from the online catalogue, shows the citizen where to go instead, and republishes it', async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.administrator, () => {
      offset += 30_000;
      return now();
    });
    await visit(page, '/admin/servicii/sector5/COPII-ARHIVA');
    await page.getByText('Retrageți din catalog', { exact: true }).first().click(); // opens the details
    await expectNoAxeViolations(page, 'service before withdrawal');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Retrageți din catalog' }).click()]);
    expect(await main(page)).toContain('Serviciul COPII-ARHIVA a fost retras din catalogul online.');
    expect(await main(page)).toContain('Retras din catalog');
    await expectNoAxeViolations(page, 'withdrawn service (administrator)');
    await screenshot(page, 'catalogue-withdrawn-admin');

    const citizen = await b.newPage();
    await visit(citizen, '/servicii/sector5/COPII-ARHIVA');
    const text = await main(citizen);
    expect(text).toContain('Serviciul nu mai este oferit online');
    expect(text).not.toContain('Depuneți cererea online');
    await expectNoAxeViolations(citizen, 'withdrawn service (public)');
    await screenshot(citizen, 'catalogue-withdrawn-public');

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Republicați' }).click()]);
    expect(await main(page)).toContain('Serviciul COPII-ARHIVA a fost republicat în catalogul online.');
    await visit(citizen, '/servicii/sector5/COPII-ARHIVA');
    expect(await main(citizen)).toContain('Depuneți cererea online');
  });
});
