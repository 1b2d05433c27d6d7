import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { demoSessions } from '../support/back-office.ts';
import { testClock } from '../support/clock.ts';
import { giveToInspector } from '../support/workflow.ts';
import { openDemoCase } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, textOf, visit } from './support/browser.ts';

/*
 * Simona Dragomir answers a public-information request in part: on the answer's page she chooses "Comunicare parțială"
 * from the keyboard, which reveals the part refused, the ground of Legea 544/2001 art. 12 and the reasons; saved without
 * a ground, the error summary names it; with it, the document's preview states the information given, the part
 * refused, its ground and how to complain. axe on every page.
 */
const clock = testClock();
let b: BrowserApp;
let caseId = '';
const { ion, publicInformation: simona } = DEMO_ACCOUNTS;

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  const as = demoSessions(b.app, clock.nextCode);
  caseId = (await openDemoCase(b.app, { service: 'INFO-544', by: ion, answers: { info_requested: 'Lista beneficiarilor ajutoarelor de încălzire.', answer_format: 'electronic' } })).caseId;
  await giveToInspector(b.app, as, caseId, { head: simona, inspector: simona });
}, 120_000);
afterAll(async () => b?.stop());

const save = (page: Page) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('button', { name: 'Salvează răspunsul', exact: true }).click()]);

describe('a public-information request answered in part', () => {
  it('reveals the refused part’s fields, names a missing ground, and previews both parts with the ground and the remedy', { timeout: 180_000 }, async () => {
    const page = await signInInBrowser(b, simona, clock.nextCode);
    await visit(page, `/birou/dosare/${caseId}/raspuns/previzualizare`);
    const partial = page.getByLabel('Comunicare parțială', { exact: true });
    await partial.focus();
    await page.keyboard.press('Space');
    expect(await partial.isChecked()).toBe(true);
    await expect(page.locator('#refusedPart').isVisible()).resolves.toBe(true);
    await page.locator('#text').fill('Au beneficiat 412 persoane, suma totală plătită fiind de 598.400 lei.');
    await page.locator('#refusedPart').fill('Numele și CNP-urile beneficiarilor.');
    await page.locator('#refusalReasons').fill('Sunt date cu caracter personal ale unor persoane fizice.');
    await expectNoAxeViolations(page, 'answer form, partial disclosure chosen');
    await save(page);
    expect(await textOf(page, '.govuk-error-summary')).toContain('Alegeți temeiul refuzului din Legea 544/2001, art. 12.');
    await expectNoAxeViolations(page, 'answer form, ground missing');

    await page.locator('#exemption').selectOption('personal_data');
    await save(page);
    const preview = await textOf(page, 'article');
    expect(preview).toContain('Cererea dumneavoastră a fost soluționată parțial.');
    expect(preview).toContain('Nu vă comunicăm următoarele informații dintre cele solicitate: Numele și CNP-urile beneficiarilor.');
    expect(preview).toContain('Temeiul refuzului: art. 12 alin. (1) lit. d) din Legea nr. 544/2001');
    expect(preview).toContain('reclamație administrativă la conducătorul instituției');
    await expectNoAxeViolations(page, 'answer preview, partial disclosure');
  });
});
