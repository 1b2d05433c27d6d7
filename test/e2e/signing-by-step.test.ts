import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGNING_PIN } from '../../src/modules/documents/seed-demo.ts';
import { DEMO_ACCOUNTS, demoTotpCode } from '../../src/modules/identity/seed-demo.ts';
import { demoSessions, generateAnswerOnCasePage, openUrbanismCertificate } from '../support/back-office.ts';
import { testClock } from '../support/clock.ts';
import { giveToInspector } from '../support/workflow.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, tab, textOf, visit } from './support/browser.ts';

/*
 * The answer is signed in the workflow's order, and never ahead of the case: the inspector signs at his analysis; the
 * head of department, next in the signing order, opens the case while it is still with him and is told she signs once
 * it reaches her step — the page names the step it is at and offers no PIN field. Once he sends it on, she signs with
 * the keyboard only (PIN and a TOTP code); the mayor, next, is told the same while the head still has it to approve.
 * axe on every case page.
 */
const clock = testClock();
let b: BrowserApp;
let caseId = '';
const { inspector, headOfDepartment, mayor } = DEMO_ACCOUNTS;

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  // Set-up through the case pages over HTTP: registered, sent to the department, given to the inspector, who writes
  // the answer and generates it.
  const as = demoSessions(b.app, clock.nextCode);
  caseId = await openUrbanismCertificate(b.app, clock.now());
  await giveToInspector(b.app, as, caseId);
  await generateAnswerOnCasePage(await as(inspector), caseId, { outcome: 'granted', text: 'Certificatul de urbanism se emite pentru construire.' });
}, 120_000);
afterAll(async () => b?.stop());

const answerPanel = (page: Page) => textOf(page, '#raspuns');
const press = (page: Page, name: string) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('button', { name, exact: true }).first().click()]);

describe('signing the answer at one’s own step', () => {
  it('is offered only once the case reaches the signer’s step', { timeout: 180_000 }, async () => {
    const andrei = await signInInBrowser(b, inspector, clock.nextCode);
    const cristina = await signInInBrowser(b, headOfDepartment, clock.nextCode);
    const radu = await signInInBrowser(b, mayor, clock.nextCode);

    // The inspector signs at his own step.
    await visit(andrei, `/birou/dosare/${caseId}`);
    expect(await andrei.locator('#semnare-pin').count()).toBe(1);
    await andrei.fill('#semnare-pin', DEMO_SIGNING_PIN);
    await andrei.fill('#semnare-code', demoTotpCode(clock.nextCode()));
    await press(andrei, 'Semnează');
    expect(await textOf(andrei, '.govuk-notification-banner')).toContain('Documentul a fost semnat. Pasul „Inspectorul analizează” nu este încă încheiat');

    // The head is next in the order, but the case is still with the inspector: no PIN field, and why not.
    await visit(cristina, `/birou/dosare/${caseId}`);
    let panel = await answerPanel(cristina);
    expect(panel).toContain('Urmează să semneze: Cristina Marinescu.');
    expect(panel).toContain('Semnați după ce dosarul ajunge la pasul dumneavoastră în fluxul de lucru. Acum este la pasul: Inspectorul analizează.');
    expect(await cristina.locator('#semnare-pin').count()).toBe(0);
    expect(await cristina.locator('#raspuns').getByRole('button', { name: 'Semnează' }).count()).toBe(0);
    await expectNoAxeViolations(cristina, 'head of department, before her step');

    // He sends it for approval: at her step, she signs with the keyboard only.
    await press(andrei, 'Aprobă și trimite mai departe');
    await visit(cristina, `/birou/dosare/${caseId}`);
    panel = await answerPanel(cristina);
    expect(panel).not.toContain('Semnați după ce dosarul ajunge la pasul dumneavoastră');
    expect(panel).toContain('Semnează documentul');
    await expectNoAxeViolations(cristina, 'head of department, at her step');
    await cristina.locator('#semnare-pin').focus();
    await cristina.keyboard.type(DEMO_SIGNING_PIN);
    expect((await tab(cristina)).id).toBe('semnare-code');
    await cristina.keyboard.type(demoTotpCode(clock.nextCode()));
    const button = await tab(cristina);
    expect(button).toMatchObject({ tag: 'button', text: 'Semnează' });
    await Promise.all([cristina.waitForNavigation({ waitUntil: 'load' }), cristina.keyboard.press('Enter')]);
    expect(await textOf(cristina, '.govuk-notification-banner')).toContain('Documentul a fost semnat.');
    panel = await answerPanel(cristina);
    expect(panel).toMatch(/Șef serviciu — Cristina Marinescu: semnat la \d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect(panel).toContain('Urmează să semneze: Radu Georgescu.');
    await expectNoAxeViolations(cristina, 'head of department, signed');

    // The mayor is next, but the head still has it to approve.
    await visit(radu, `/birou/dosare/${caseId}`);
    expect(await answerPanel(radu)).toContain('Semnați după ce dosarul ajunge la pasul dumneavoastră în fluxul de lucru. Acum este la pasul: Șeful de serviciu aprobă.');
    expect(await radu.locator('#semnare-pin').count()).toBe(0);
    await expectNoAxeViolations(radu, 'mayor, before his step');
    await press(cristina, 'Aprobă și trimite mai departe');
    await visit(radu, `/birou/dosare/${caseId}`);
    expect(await answerPanel(radu)).not.toContain('Semnați după ce dosarul ajunge la pasul dumneavoastră');
    expect(await radu.locator('#semnare-pin').count()).toBe(1);
  });
});
