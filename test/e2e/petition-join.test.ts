import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { openDemoCase } from '../support/demo-case.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, startBrowserApp, visit } from './support/browser.ts';

/*
 * A repeated petition (OG 27/2002 art. 10), in the browser: the registry clerk opens the second petition of the same
 * petitioner, follows the link to join it, sends the form without a choice (the error summary takes focus), then joins
 * it to the first with the keyboard; both case pages say so. The first is then sent on to the competent institution and
 * the repeated one's page says it went along, and under which number there. axe on every page.
 */
let b: BrowserApp;
const clock = testClock();
const ids: string[] = [];

beforeAll(async () => {
  b = await startBrowserApp({ clock });
  // Vasile Ghișeu's two petitions on paper, a minute apart.
  for (const subject of ['Câinii fără stăpân din parcul Sebastian', 'Din nou câinii din parcul Sebastian']) {
    ids.push((await openDemoCase(b.app, { service: 'PETITIE', answers: { subject, content: `${subject}: vă rog să luați măsuri.` } })).caseId);
    clock.advance(60_000);
  }
}, 120_000);
afterAll(async () => b?.stop());

describe('a repeated petition', () => {
  it('is joined by the registry clerk to the first one', { timeout: 180_000 }, async () => {
    const [first, second] = ids as [string, string];
    const clerk = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, clock.nextCode);
    await visit(clerk, `/birou/dosare/${second}`);
    await Promise.all([clerk.waitForNavigation(), clerk.getByText('Conexați la o petiție anterioară a aceluiași petent').click()]);
    await expectNoAxeViolations(clerk, 'join form');
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('button', { name: 'Conexați petiția' }).click()]);
    expect(await clerk.evaluate(() => document.activeElement?.className ?? '')).toContain('govuk-error-summary');
    await expectNoAxeViolations(clerk, 'join form refused');
    // Keyboard only: the first (newest earlier) petition's radio, then the button.
    await clerk.focus('#into');
    await clerk.keyboard.press('Space');
    await clerk.focus('button.govuk-button');
    await Promise.all([clerk.waitForNavigation(), clerk.keyboard.press('Enter')]);
    expect(await clerk.locator('.govuk-notification-banner--success').textContent()).toContain('Petiția a fost conexată la petiția nr.');
    expect(await clerk.locator('#conexare').textContent()).toContain('răspunsul la aceasta le cuprinde pe amândouă');
    await expectNoAxeViolations(clerk, 'case joined');
    await visit(clerk, `/birou/dosare/${first}`);
    expect(await clerk.locator('main').textContent()).toContain('Petiții ale aceluiași petent conexate la aceasta');
    await expectNoAxeViolations(clerk, 'the first petition');
    // The first is sent on to the competent institution; the repeated one went along, and its own page says where.
    await visit(clerk, `/birou/dosare/${first}/redirectionare`);
    await clerk.check('#to');
    await clerk.selectOption('#institution', 'dgitl5');
    await clerk.fill('#reason', 'Câinii fără stăpân sunt în grija DGITL Sector 5.');
    await Promise.all([clerk.waitForNavigation(), clerk.getByRole('button', { name: 'Trimiteți petiția' }).click()]);
    await visit(clerk, `/birou/dosare/${second}`);
    expect(await clerk.locator('#conexare').textContent()).toMatch(/Odată cu petiția nr\. \S+, a fost trimisă instituției competente, .+, unde a fost înregistrată cu nr\. \d+/);
    await expectNoAxeViolations(clerk, 'joined petition sent on');
  });
});
