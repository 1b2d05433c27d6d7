import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_COMPANY } from '../../src/modules/identity/seed-demo.ts';
import { openDemoCase } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * The demo company's representative on a phone (360 px) follows a request a colleague filed for the company: her list
 * says in whose name each request is, the request's page names the company (with its CUI) and its history does not
 * tell her she filed it. axe on both pages.
 */
let b: BrowserApp;
const { maria, ion } = DEMO_ACCOUNTS;

beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => b?.stop());

/** Ion's request for the company he represents, as filed online. */
async function openForCompany(): Promise<string> {
  const applicant = { kind: 'company' as const, name: DEMO_COMPANY.name, cui: DEMO_COMPANY.cui, email: ion.email };
  return (await openDemoCase(b.app, { service: 'ACORD-FUNCTIONARE', by: ion, companyId: DEMO_COMPANY.id, applicant })).caseId;
}

describe('a company’s request followed by another of its representatives', () => {
  it('names the company on a phone, in the list and on the request’s page', { timeout: 120_000 }, async () => {
    const caseId = await openForCompany();
    const page = await signInInBrowser(b, maria, () => new Date());
    await page.setViewportSize({ width: 360, height: 740 });
    await visit(page, '/cont/cereri');
    const row = page.locator('tr', { has: page.locator(`a[href="/cont/cereri/${caseId}"]`) });
    await expect.poll(() => row.locator('td[data-label="În numele"]').textContent()).toBe(DEMO_COMPANY.name);
    await screenshot(page, 'company-cases-list-360');
    await expectNoAxeViolations(page, 'my requests, with a company’s');

    await visit(page, `/cont/cereri/${caseId}`);
    await expect.poll(() => page.locator('main').textContent()).toContain(`Depusă în numele${DEMO_COMPANY.name} (CUI ${DEMO_COMPANY.cui})`);
    const history = await page.locator('table', { has: page.locator('caption', { hasText: 'Istoricul cererii' }) }).textContent();
    expect(history).toContain(`${DEMO_COMPANY.name} (solicitant)`);
    expect(history).not.toContain('Dumneavoastră');
    // Nothing runs off a 360 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'company-case-360');
    await expectNoAxeViolations(page, 'a company’s request');
  });
});
