import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPublishedByCode } from '../../src/modules/catalog/store.ts';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * The registry opens a public-information request registered on paper 12 days ago (still to be sent on): beside its answer deadline the case page
 * shows the 5 days to refuse it (Legea 544/2001 art. 7(2)) as run out, so a refusal now would be late. axe clean.
 */
let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
let caseId = '';

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
  const service = await findPublishedByCode(b.app.deps.db, DEMO.sector5, 'INFO-544');
  const c = await b.app.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: service!.versionId,
      applicantAccountId: null,
      companyId: null,
      applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450', email: 'vasile.ghiseu@example.ro' },
      answers: {},
      channel: 'counter',
      actorId: DEMO_ACCOUNTS.registryClerk.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(Date.now() - 12 * 86_400_000),
    }),
  );
  caseId = c.caseId;
}, 120_000);
afterAll(async () => b?.stop());

describe('the 5 days to refuse a public-information request', () => {
  it('are shown on the case page beside the answer deadline, as run out', async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, () => {
      offset += 31_000;
      return now();
    });
    await visit(page, `/birou/dosare/${caseId}`);
    const row = page.locator('.govuk-summary-list__row', { hasText: 'Termen pentru un refuz motivat' });
    await expect(row.count()).resolves.toBe(1);
    expect(await row.innerText()).toContain('cele 5 zile au trecut: un refuz comunicat acum este tardiv');
    await expect(page.locator('.govuk-summary-list__row', { hasText: 'Termen legal de răspuns' }).count()).resolves.toBe(1);
    await screenshot(page, 'refusal-term-office');
    await expectNoAxeViolations(page, 'case page with the refusal term');
  });
});
