import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { recordCaseAction } from '../../src/modules/cases/record-case-action.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, signInInBrowser, screenshot, startBrowserApp, visit } from './support/browser.ts';

/*
 * Following a request in real time: the applicant's request page, left open, shows the inspector's message and the
 * new status as they happen, without a reload, without losing what the applicant is typing, and tells a screen
 * reader so; when what the applicant can do changes (a request to complete the file), a notice asks for a reload.
 * The inspector's open file likewise shows the applicant's message. axe runs on the updated pages.
 */

let b: BrowserApp;
let offset = 0;
const now = () => new Date(Date.now() + offset);
const { ion, inspector } = DEMO_ACCOUNTS;

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
}, 120_000);
afterAll(async () => b?.stop());

const signIn = (a: DemoAccount): Promise<Page> =>
  signInInBrowser(b, a, () => {
    offset += 30_000; // a TOTP code is accepted once per window
    return now();
  });

/** Opens the page and waits until its event stream is connected (the stream answers at once with its headers). */
async function openLive(page: Page, path: string): Promise<void> {
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === `${path}/evenimente` && r.status() === 200);
  await visit(page, path);
  await stream;
  // Marks this document: if the page were reloaded, the mark would be gone.
  await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
  });
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** Ion's urbanism certificate request, just registered (as if submitted online). */
async function openUrbanismCase(): Promise<string> {
  const [version] = await b.app.database.query<{ id: string }>(
    "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'CERT-URBANISM' AND s.institution_id = $1 AND v.status = 'published'",
    [DEMO.sector5],
  );
  const { caseId } = await b.app.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version!.id,
      applicantAccountId: ion.id,
      companyId: null,
      applicant: { kind: 'person', name: ion.displayName, cnp: '1800101123450', email: ion.email },
      answers: {},
      channel: 'online',
      actorId: ion.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  return caseId;
}

describe('following a request live', () => {
  it('the open request page shows the inspector’s message and the new status as they happen', { timeout: 120_000 }, async () => {
    const caseId = await openUrbanismCase();
    const act = (type: 'message' | 'completion_requested', actorId: string, text: string) =>
      b.app.database.db.transaction((tx) => recordCaseAction(tx, { caseId, type, actorId, transactionId: crypto.randomUUID(), payload: { text }, at: now() }));

    const citizen = await signIn(ion);
    await openLive(citizen, `/cont/cereri/${caseId}`);
    await expectNoAxeViolations(citizen, 'request page, live');
    await expect.poll(() => citizen.locator('[data-live-notice]').isVisible()).toBe(false);
    await citizen.fill('textarea[name=text]', 'Încă scriu acest mesaj');

    await act('message', inspector.id, 'Vă rugăm să aduceți originalul actului de proprietate.');
    const messages = citizen.locator('[data-live-region="messages"]');
    await expect.poll(() => messages.textContent(), { timeout: 10_000 }).toContain('originalul actului de proprietate');
    expect(await notReloaded(citizen)).toBe(true);
    expect(await citizen.inputValue('textarea[name=text]')).toBe('Încă scriu acest mesaj');
    await expect.poll(() => citizen.locator('[data-live-status]').textContent()).toBe('Dosarul are noutăți: pagina s-a actualizat.');
    // Only what was read-only changed: the message form is the same one, nothing to reload for.
    expect(await citizen.locator('[data-live-notice]').isVisible()).toBe(false);

    await act('completion_requested', inspector.id, 'Lipsește copia actului de identitate.');
    const summary = citizen.locator('[data-live-region="summary"]');
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain('Așteaptă documente de la dumneavoastră');
    // Now there is something to upload: a form the page did not have. The notice says to reload; it is not forced.
    await expect.poll(() => citizen.locator('[data-live-notice]').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await citizen.locator('[data-live-notice]').textContent()).toContain('Reîncărcați pagina');
    expect(await notReloaded(citizen)).toBe(true);
    await screenshot(citizen, 'live-status-request-page');
    await expectNoAxeViolations(citizen, 'request page after live updates');

    // The inspector's open file hears the applicant.
    const office = await signIn(inspector);
    await openLive(office, `/birou/dosare/${caseId}`);
    await act('message', ion.id, 'Am încărcat copia buletinului.');
    await expect.poll(() => office.locator('[data-live-region="messages"]').textContent(), { timeout: 10_000 }).toContain('copia buletinului');
    expect(await notReloaded(office)).toBe(true);
    await expectNoAxeViolations(office, 'office case page after a live update');
  });

  it('an official’s open inbox says when new cases arrive, without reordering the list under the cursor', { timeout: 120_000 }, async () => {
    const office = await signIn(inspector);
    await openLive(office, '/birou');
    expect(await office.locator('[data-live-notice]').isVisible()).toBe(false);
    await openUrbanismCase();
    await expect.poll(() => office.locator('[data-live-notice]').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await office.locator('[data-live-notice]').textContent()).toContain('Reîncărcați lista');
    expect(await notReloaded(office)).toBe(true);
    await expectNoAxeViolations(office, 'inbox with the news notice');
  });
});

