import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
import { DEFAULT_WORKFLOW } from '../../src/modules/workflow/domain/workflow-definition.ts';
import { demoSessions, openUrbanismCertificate } from '../support/back-office.ts';
import { testClock } from '../support/clock.ts';
import { giveToInspector } from '../support/workflow.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, textOf, visit } from './support/browser.ts';

/*
 * The inspector refuses a request at his analysis: the form says it is a proposal that goes on to approval and signing,
 * and he sends it with the keyboard; the case goes to the head of department, who reads the reasons in its history.
 * The administrator finds a stored workflow without the mayor's signing step named on the administration page and on
 * the workflow's own page. axe on every page.
 */
const clock = testClock();
let b: BrowserApp;
let caseId = '';
const { inspector, headOfDepartment, administrator } = DEMO_ACCOUNTS;
const reasons = 'Imobilul nu se află în Sectorul 5.';

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  const as = demoSessions(b.app, clock.nextCode);
  caseId = await openUrbanismCertificate(b.app, clock.now());
  await giveToInspector(b.app, as, caseId);
  // A workflow stored before saving checked for the signers' steps: the mayor's signing step is the head's.
  const broken = { ...DEFAULT_WORKFLOW, steps: DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'semnare' ? { ...s, role: 'head_of_department' } : s)) };
  await b.app.database.query('INSERT INTO workflow (institution_id, service_code, definition) VALUES ($1, $2, $3::jsonb)', [DEMO.sector5, 'COPII-ARHIVA', JSON.stringify(broken)]);
}, 120_000);
afterAll(async () => b?.stop());

const press = (page: Page, name: string) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main').getByRole('button', { name, exact: true }).first().click()]);

describe('a refusal proposed at the analysis', () => {
  it('is sent on from the keyboard, says where it went, and reaches the head with its reasons', { timeout: 180_000 }, async () => {
    const andrei = await signInInBrowser(b, inspector, clock.nextCode);
    await visit(andrei, `/birou/dosare/${caseId}`);
    const summary = andrei.locator('summary', { hasText: 'Propune respingerea' });
    await summary.focus();
    await andrei.keyboard.press('Enter');
    expect(await textOf(andrei, 'section:has(#flux-title)')).toContain('O respingere este un răspuns al instituției');
    await andrei.locator('#flux-reject-reason').fill(reasons);
    await expectNoAxeViolations(andrei, 'case page, refusal proposal open');
    await press(andrei, 'Propune respingerea');
    expect(await textOf(andrei, '.govuk-notification-banner')).toContain('Propunerea de respingere a dosarului nr.');
    expect(await textOf(andrei, '.govuk-notification-banner')).toContain('la pasul: Șeful de serviciu aprobă');
    await expectNoAxeViolations(andrei, 'case page after the proposal');

    const cristina = await signInInBrowser(b, headOfDepartment, clock.nextCode);
    await visit(cristina, `/birou/dosare/${caseId}`);
    expect(await textOf(cristina, 'main')).toContain(`Propunere de respingere: ${reasons}`);
    await expectNoAxeViolations(cristina, 'head: case page with the proposal');
  });
});

describe('a stored workflow without a signer’s step', () => {
  it('is named on the administration page and on its own page', { timeout: 120_000 }, async () => {
    const admin = await signInInBrowser(b, administrator, clock.nextCode);
    await visit(admin, '/admin');
    expect(await textOf(admin, 'main')).toContain('Fluxuri de lucru de corectat');
    await expectNoAxeViolations(admin, 'administration page with a workflow to fix');
    await Promise.all([admin.waitForNavigation({ waitUntil: 'load' }), admin.locator('main a[href="/admin/fluxuri/sector5/COPII-ARHIVA"]').click()]);
    expect(await textOf(admin, 'main')).toContain('lipsește pasul primarului');
    await expectNoAxeViolations(admin, 'workflow page with its problem');
  });
});
