import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { openDemoCase, PAPER_APPLICANT } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, screenshot, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * The registry opens a public-information request registered on paper 12 days ago (still to be sent on): beside its answer deadline the case page
 * shows the 5 days to refuse it (Legea 544/2001 art. 7(2)) as run out, so a refusal now would be late. axe clean.
 */
let b: BrowserApp;
const clock = testClock();
let caseId = '';

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  caseId = (
    await openDemoCase(b.app, {
      service: 'INFO-544',
      applicant: { ...PAPER_APPLICANT, cnp: '1800101123450' },
      channel: 'counter',
      at: new Date(Date.now() - 12 * 86_400_000),
    })
  ).caseId;
}, 120_000);
afterAll(async () => b?.stop());

describe('the 5 days to refuse a public-information request', () => {
  it('are shown on the case page beside the answer deadline, as run out', async () => {
    const page = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, clock.nextCode);
    await visit(page, `/birou/dosare/${caseId}`);
    const row = page.locator('.govuk-summary-list__row', { hasText: 'Termen pentru un refuz motivat' });
    await expect(row.count()).resolves.toBe(1);
    expect(await row.innerText()).toContain('cele 5 zile au trecut: un refuz comunicat acum este tardiv');
    await expect(page.locator('.govuk-summary-list__row', { hasText: 'Termen legal de răspuns' }).count()).resolves.toBe(1);
    await screenshot(page, 'refusal-term-office');
    await expectNoAxeViolations(page, 'case page with the refusal term');
  });
});
