import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/platform/i18n/format.ts';
import { DEMO_ACCOUNTS } from '../../src/modules/identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../../src/modules/organisation/seed-demo.ts';
import { testClock } from '../support/clock.ts';
import { type BrowserApp, expectNoAxeViolations, focused, signInInBrowser, startBrowserApp, textOf, visit } from './support/browser.ts';

/*
 * An unsigned letter without a name or an address (OG 27/2002 art. 7): the registry clerk registers it at the counter,
 * marks it as a petition filed without an answer and says why. Asked to open a case for it as well, or without the
 * reason, the form says what is wrong and keeps what was typed; registered, it has its number, its issuer is "Anonim",
 * the register says it was filed without an answer and why — no case, no term — and the department chosen still gets
 * the document. axe on every page.
 */
const clock = testClock();
let b: BrowserApp;
const FORM = '/birou/registratura/inregistrare';
const SUMMARY = 'Reclamație nesemnată despre gunoiul din curtea blocului P4';
const REASON = 'Nu este semnată și nu are numele, adresa, e-mailul sau telefonul petentului.';

beforeAll(async () => {
  b = await startBrowserApp({ clock });
}, 120_000);
afterAll(async () => b?.stop());

/** The value of a summary list's row, by its key. */
const rowValue = async (page: Page, key: string) =>
  ((await page.locator('.govuk-summary-list__row', { has: page.locator('.govuk-summary-list__key').getByText(key, { exact: true }) }).first().locator('.govuk-summary-list__value').textContent()) ?? '')
    .replace(/\s+/g, ' ')
    .trim();
const send = (page: Page) => Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('main form:has([name=issuerName]) button[type=submit]').last().click()]);

describe('an anonymous petition at the registry', () => {
  it('is registered and filed without an answer, with the reason on the register', { timeout: 180_000 }, async () => {
    const clerk = await signInInBrowser(b, DEMO_ACCOUNTS.registryClerk, clock.nextCode);
    await visit(clerk, FORM);
    // No issuer: the letter is not signed.
    await clerk.fill('#summary', SUMMARY);
    await clerk.fill('#pageCount', '1');
    await clerk.selectOption('#departmentId', demoDepartmentId(DEMO.sector5, 'RP'));
    await clerk.selectOption('#caseServiceCode', 'PETITIE');
    await clerk.click('summary:has-text("Alte date")');
    const mark = clerk.getByLabel('Petiția este anonimă sau nu are datele de contact ale petentului', { exact: false });
    await mark.check();
    expect(await clerk.getByLabel('Motivul clasării').isVisible()).toBe(true);
    await expectNoAxeViolations(clerk, 'registration form, anonymous petition marked');

    // A case asked for as well, and no reason: both said, focus on the summary, nothing registered, nothing lost.
    await send(clerk);
    const summary = await textOf(clerk, '.govuk-error-summary');
    expect(summary).toContain('O petiție clasată fără răspuns nu deschide dosar: nu alegeți un serviciu.');
    expect(summary).toContain('Scrieți motivul clasării.');
    expect((await focused(clerk)).className).toContain('govuk-error-summary');
    expect(await clerk.inputValue('#summary')).toBe(SUMMARY);
    expect(await mark.isChecked()).toBe(true);
    expect(await clerk.getByLabel('Motivul clasării').isVisible()).toBe(true);
    expect(await b.app.database.query("SELECT 1 FROM registry_entry WHERE summary = $1", [SUMMARY])).toHaveLength(0);
    await expectNoAxeViolations(clerk, 'registration form refused');

    await clerk.selectOption('#caseServiceCode', '');
    await clerk.getByLabel('Motivul clasării').fill(REASON);
    await send(clerk);
    expect(new URL(clerk.url()).pathname).toMatch(/^\/birou\/registratura\/intrari\//);
    expect(await rowValue(clerk, 'Conținut pe scurt')).toBe(SUMMARY);
    expect(await rowValue(clerk, 'Emitent')).toBe('Anonim');
    expect(await rowValue(clerk, 'Compartiment')).toContain('Relații cu Publicul');
    expect(await rowValue(clerk, 'Mod de rezolvare')).toBe(
      `Clasată fără răspuns la ${formatDate(clock.now())} (petiție anonimă sau fără datele de contact ale petentului, OG 27/2002 art. 7): ${REASON}`,
    );
    // No case was opened, so no term runs.
    expect(await textOf(clerk)).not.toContain('Dosarul deschis');
    await expectNoAxeViolations(clerk, 'the registered entry');
    const [row] = await b.app.database.query<{ id: string; cases: number }>(
      'SELECT e.id, (SELECT count(*)::int FROM "case" c WHERE c.registry_entry_id = e.id) AS cases FROM registry_entry e WHERE e.summary = $1',
      [SUMMARY],
    );
    expect(row!.cases).toBe(0);

    // The register's own line says so too.
    await visit(clerk, `/birou/registratura?text=${encodeURIComponent('gunoiul din curtea blocului P4')}`);
    const line = clerk.locator('main table tbody tr', { hasText: SUMMARY });
    expect(await line.count()).toBe(1);
    expect(await textOf(clerk, `main table tbody tr:has-text("${SUMMARY}")`)).toContain('Clasată fără răspuns');

    // The department chosen receives the document, already resolved: nothing for it to answer.
    const head = await signInInBrowser(b, DEMO_ACCOUNTS.headPublicRelations, clock.nextCode);
    await visit(head, `/birou/documente/${row!.id}`);
    const routed = await textOf(head);
    expect(routed).toContain(SUMMARY);
    expect(routed).toContain('Clasată fără răspuns');
    await expectNoAxeViolations(head, 'the document at its department');
  });
});
