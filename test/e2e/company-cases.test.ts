import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
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

async function openForCompany(): Promise<string> {
  const [version] = await b.app.database.query<{ id: string }>(
    "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'ACORD-FUNCTIONARE' AND s.institution_id = $1 AND v.status = 'published'",
    [DEMO.sector5],
  );
  const { caseId } = await b.app.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version!.id,
      applicantAccountId: ion.id,
      companyId: DEMO_COMPANY.id,
      applicant: { kind: 'company', name: DEMO_COMPANY.name, cui: DEMO_COMPANY.cui, email: ion.email },
      answers: {},
      channel: 'online',
      actorId: ion.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(),
    }),
  );
  return caseId;
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
