import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/modules/cases/open-case.ts';
import { DEMO_SIGNING_PIN } from '../../src/modules/documents/seed-demo.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount, demoTotpCode } from '../../src/modules/identity/seed-demo.ts';
import { DEMO } from '../../src/modules/organisation/seed-demo.ts';
import { type BrowserApp, expectNoAxeViolations, startBrowserApp, visit } from './support/browser.ts';

/*
 * The back office's "done when", in a browser: a citizen's urbanism certificate goes registry → head of department
 * → inspector (validates, generates and signs the answer) → head (approves, signs) → mayor (signs) → registry
 * (issues). The citizen then downloads the signed PDF from their case, pdfsig finds every signature valid, the QR
 * code's verification page says the document is authentic, and the head of department's report counts the answer.
 * axe (WCAG 2.2 AA) runs on every back-office page visited.
 */

let b: BrowserApp;
let dir: string;
// The app's clock: the real time (the demo certificates are valid from yesterday), moved on 30 s before every
// TOTP code so that no code is ever replayed (a code is accepted once per 30-second window per account).
let offset = 0;
const now = () => new Date(Date.now() + offset);
const freshCode = () => {
  offset += 30_000;
  return demoTotpCode(now());
};

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.deps.now = now;
  dir = mkdtempSync(join(tmpdir(), 'pd-e2e-back-office-'));
}, 120_000);
afterAll(async () => {
  await b?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Presses the submit button of the form that holds the field `name`. */
async function submit(page: Page, name: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`main form:has([name="${name}"]) button[type=submit]`).last().click()]);
}

/** Presses a button (or button-styled link) by its visible text and waits for the next page. */
async function press(scope: Page | Locator, page: Page, text: string | RegExp) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), scope.getByRole('button', { name: text }).first().click()]);
}

const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const main = (page: Page) => text(page.locator('main'));

async function checked(page: Page, label: string) {
  await expectNoAxeViolations(page, label);
}

/** Fails with the error summary's text when the page shows one. */
async function noErrors(page: Page, label: string) {
  if (await page.locator('.govuk-error-summary').count()) throw new Error(`${label}: ${await text(page.locator('.govuk-error-summary'))}`);
}

/** Signs an official in once (password + TOTP) and keeps the page. */
async function signIn(a: DemoAccount): Promise<Page> {
  const page = await b.newPage();
  await visit(page, '/autentificare');
  await page.fill('input[name=email]', a.email);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await submit(page, 'password');
  if (new URL(page.url()).pathname === '/autentificare/doi-factori') {
    await page.fill('input[name=code]', freshCode());
    await submit(page, 'code');
  }
  expect(new URL(page.url()).pathname).toBe(a.official ? '/birou' : '/cont'); // officials land at their desk
  return page;
}

/** Signs the answer document on the case page with the demo PIN and a fresh TOTP code. */
async function signAnswer(page: Page, caseId: string, label: string) {
  await visit(page, `/birou/dosare/${caseId}`);
  await checked(page, `${label}: case page before signing`);
  await page.fill('input[name=pin]', DEMO_SIGNING_PIN);
  await page.fill('input[name=code]', freshCode());
  await submit(page, 'pin');
  await noErrors(page, `${label} signing`);
  await checked(page, `${label}: signed`);
}

/** The cell under the column `column` in the reports table row that starts with `name`. */
async function reportCell(page: Page, name: string, column: string): Promise<string> {
  const table = page.locator('main table', { has: page.locator('thead th', { hasText: column }) }).first();
  const headers = (await table.locator('thead th').allInnerTexts()).map((s) => s.trim());
  const index = headers.indexOf(column);
  expect(index, `column ${column} in ${headers.join(' | ')}`).toBeGreaterThan(0);
  const row = table.locator('tbody tr', { has: page.locator('th, td', { hasText: name }) }).first();
  return (await row.locator('th, td').nth(index).innerText()).trim();
}

describe('the urbanism certificate in the back office', () => {
  it(
    'is routed, answered, signed three times, issued, downloaded by the citizen, verified and counted',
    { timeout: 240_000 },
    async () => {
      const { maria, registryClerk, headOfDepartment, inspector, mayor } = DEMO_ACCOUNTS;
      const [version] = await b.app.database.query<{ id: string }>(
        "SELECT v.id FROM service_version v JOIN service s ON s.id = v.service_id WHERE s.code = 'CERT-URBANISM' AND s.institution_id = $1 AND v.status = 'published'",
        [DEMO.sector5],
      );
      const opened = await b.app.database.db.transaction((tx) =>
        openCase(tx, {
          serviceVersionId: version!.id,
          applicantAccountId: maria.id,
          companyId: null,
          applicant: { kind: 'person', name: 'Maria Ionescu', cnp: '2850315452341', email: maria.email, address: 'Calea Rahovei nr. 147, Sector 5, București' },
          answers: { property_address: { street: 'Str. Sălciilor', number: '12', locality: 'București' }, land_area: 480, purpose: 'construire', urgency: 'standard', is_owner: 'da' },
          channel: 'online',
          actorId: maria.id,
          transactionId: crypto.randomUUID(),
          feeBani: 1500,
          at: now(),
        }),
      );
      const { caseId } = opened;
      const number = opened.registry.display;

      // Each official signs in once and keeps their page.
      const elena = await signIn(registryClerk);
      const cristina = await signIn(headOfDepartment);
      const andrei = await signIn(inspector);
      const radu = await signIn(mayor);

      // The head of department's report before: how many answers of Certificate de urbanism.
      await visit(cristina, '/birou/rapoarte');
      await checked(cristina, 'reports (before)');
      const answeredBefore = Number(await reportCell(cristina, 'Serviciul Certificate de Urbanism', 'Soluționate în perioadă'));

      // 1. Registry: Elena finds it in her inbox and sends it to the department with the row's quick action.
      await visit(elena, '/birou');
      await checked(elena, 'office home (clerk)');
      expect(await main(elena)).toContain('Registratură — de trimis la compartiment');
      await visit(elena, '/birou/cozi/registratura');
      await checked(elena, 'registry inbox');
      // On a phone the queue's table scrolls inside its box; the page itself does not scroll sideways (WCAG 1.4.10).
      await elena.setViewportSize({ width: 360, height: 780 });
      expect(await elena.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await elena.setViewportSize({ width: 1280, height: 720 });
      const row = elena.locator('main table tbody tr', { hasText: number });
      expect(await row.count()).toBe(1);
      await press(row, elena, /Trimite la compartiment/);
      await noErrors(elena, 'forward');
      expect(new URL(elena.url()).pathname).toBe('/birou/cozi/registratura');
      await checked(elena, 'registry inbox after forwarding');
      expect(await elena.locator('main table tbody tr', { hasText: number }).count()).toBe(0);

      // 2. Cristina sees it in the department's inbox and assigns it to Andrei from the case page.
      await visit(cristina, '/birou/cozi/compartiment');
      await checked(cristina, 'department inbox');
      expect(await main(cristina)).toContain(number);
      await visit(cristina, `/birou/dosare/${caseId}`);
      await checked(cristina, 'case page (head, assignment)');
      expect(await main(cristina)).toContain('Șeful de serviciu repartizează');
      await cristina.getByLabel('Andrei Popa').check();
      await submit(cristina, 'assigneeId');
      await noErrors(cristina, 'assign');
      await checked(cristina, 'case page (head, assigned)');

      // 3. Andrei: the case is in his tasks; he writes the answer (outcome and text), sees it filled into the
      // template, and "Generează" registers it.
      await visit(andrei, '/birou/cozi/sarcinile-mele');
      await checked(andrei, 'inspector tasks');
      expect(await main(andrei)).toContain(number);
      await visit(andrei, `/birou/dosare/${caseId}`);
      await checked(andrei, 'case page (inspector)');
      expect(await main(andrei)).toContain('Răspunsul nu a fost generat încă.');
      await Promise.all([andrei.waitForNavigation({ waitUntil: 'load' }), andrei.getByRole('button', { name: 'Scrie răspunsul' }).first().click()]);
      expect(new URL(andrei.url()).pathname).toBe(`/birou/dosare/${caseId}/raspuns/previzualizare`);
      await checked(andrei, 'answer form');
      await andrei.getByLabel('Admisă').check();
      await andrei.getByLabel('Textul răspunsului').fill('Certificatul de urbanism se emite pentru construire, în condițiile PUG Sector 5.');
      await press(andrei.locator('main'), andrei, 'Salvează răspunsul');
      await noErrors(andrei, 'save answer');
      await checked(andrei, 'answer preview');
      const preview = await main(andrei);
      expect(preview).toContain('Cererea dumneavoastră a fost admisă.');
      expect(preview).toContain('în condițiile PUG Sector 5');
      expect(preview).toContain('Către Maria Ionescu');
      // The default template (the demo has no template of its own for this service): every placeholder filled.
      expect(preview).toContain('Toate câmpurile șablonului au valoare.');
      expect(preview).toMatch(/Inspector — Andrei Popa.*Șef serviciu — Cristina Marinescu.*Primar — Radu Georgescu/);
      expect(preview).toContain(`cererea nr. ${number}`);
      await press(andrei.locator('main'), andrei, 'Generează documentul');
      await noErrors(andrei, 'generate');
      expect(await main(andrei)).toMatch(/Documentul de răspuns a fost generat \(versiunea 1, nr\. de ieșire \d+\/\d\d\.\d\d\.\d{4}\)/);
      await checked(andrei, 'case page (answer generated)');
      await signAnswer(andrei, caseId, 'inspector');
      // ... and sends it for approval.
      await press(andrei.locator('main'), andrei, 'Aprobă și trimite mai departe');
      await noErrors(andrei, 'inspector approve');
      await checked(andrei, 'case page (sent for approval)');

      // 4. Cristina signs the answer and approves the case.
      await visit(cristina, '/birou/cozi/sarcinile-mele');
      await checked(cristina, 'head tasks');
      expect(await main(cristina)).toContain(number);
      await signAnswer(cristina, caseId, 'head of department');
      await press(cristina.locator('main'), cristina, 'Aprobă și trimite mai departe');
      await noErrors(cristina, 'head approve');
      await checked(cristina, 'case page (approved)');

      // 5. Radu signs the answer (his PKCS#12 key) and the workflow's signing step.
      await visit(radu, '/birou/cozi/de-semnat');
      await checked(radu, 'to sign inbox');
      expect(await main(radu)).toContain(number);
      // Marking the signing step before signing the answer is refused, with where to sign.
      await visit(radu, `/birou/dosare/${caseId}`);
      await press(radu.locator('main section:has(#flux-title)'), radu, 'Semnează');
      expect(await radu.locator('.govuk-error-summary').textContent()).toContain('Semnați mai întâi răspunsul');
      expect(await radu.locator('.govuk-error-summary a').first().getAttribute('href')).toBe('#semnare-pin');
      await checked(radu, 'mayor: workflow sign refused before the answer is signed');
      await signAnswer(radu, caseId, 'mayor');
      // Signing the document does not pass the case on: the mayor is told his step waits for "Semnează".
      expect(await main(radu)).toContain('Pasul „Primarul semnează” nu este încă încheiat: apăsați „Semnează” în secțiunea „Fluxul de lucru”');
      await press(radu.locator('main section:has(#flux-title)'), radu, 'Semnează');
      await noErrors(radu, 'mayor workflow sign');
      await checked(radu, 'case page (signed)');

      // 6. Elena issues the signed document.
      await visit(elena, '/birou/cozi/sarcinile-mele');
      await checked(elena, 'clerk tasks');
      expect(await main(elena)).toContain(number);
      await visit(elena, `/birou/dosare/${caseId}`);
      await checked(elena, 'case page (clerk, to issue)');
      // One issue button, the workflow's "Emite răspunsul": it issues the signed answer too (seal, case document,
      // e-mail) and closes the step; the answer panel points to it.
      const workflowPanel = elena.locator('main section:has(#flux-title)');
      expect(await main(elena)).toContain('Emiteți-l cu butonul „Emite răspunsul” al fluxului');
      await press(workflowPanel, elena, 'Emite răspunsul');
      await noErrors(elena, 'issue');
      await checked(elena, 'case page (issued)');
      await visit(elena, '/birou/cozi/sarcinile-mele');
      expect(await elena.locator('main table tbody tr', { hasText: number }).count()).toBe(0);
      await visit(cristina, '/birou/cozi/finalizate');
      await checked(cristina, 'finished inbox');
      expect(await main(cristina)).toContain(number);
      const [c] = await b.app.database.query<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [caseId]);
      expect(c!.status).toBe('issued');
      // The log, as the pages offered it: each workflow action names its step.
      const log = await b.app.database.query<{ type: string; step: string | null }>("SELECT type, payload->>'step' AS step FROM case_action WHERE case_id = $1 ORDER BY seq", [caseId]);
      expect(log.map((a) => `${a.type}@${a.step ?? '-'}`)).toEqual([
        'submitted@-',
        'forwarded@registratura',
        'assigned@repartizare',
        'sent_for_approval@analiza',
        'approved@aprobare',
        'signed@semnare',
        'issued@emitere',
      ]);

      // 7. Maria sees the answer on her case page and downloads the PDF.
      const citizen = await signIn(maria);
      await visit(citizen, `/cont/cereri/${caseId}`);
      await checked(citizen, 'citizen case page');
      expect(await main(citizen)).toContain('Cererea dumneavoastră a fost admisă.');
      // The answer itself: its text, who signed it, and its signatures checked.
      const answer = await text(citizen.locator('section[aria-labelledby="raspuns-emis"]'));
      expect(answer).toContain('Ce spune răspunsul');
      expect(answer).toMatch(/Primar — Radu Georgescu, \d\d\.\d\d\.\d{4} \d\d:\d\d/);
      expect(answer).toContain('Verificate');
      expect(answer).toContain('Toate semnăturile sunt valide și documentul nu a fost modificat după semnare.');
      await citizen.context().addCookies([{ name: 'pd_lang', value: 'en', url: b.baseUrl }]);
      await visit(citizen, `/cont/cereri/${caseId}`);
      await checked(citizen, 'citizen case page in English');
      expect(await text(citizen.locator('section[aria-labelledby="raspuns-emis"]'))).toContain('Every signature is valid and the document was not changed after it was signed.');
      await citizen.context().addCookies([{ name: 'pd_lang', value: 'ro', url: b.baseUrl }]);
      await visit(citizen, `/cont/cereri/${caseId}`);
      const link = citizen.locator(`main a[href^="/cont/cereri/${caseId}/documente/"]`).first();
      expect(await link.count()).toBe(1);
      const download = await citizen.context().request.get((await link.getAttribute('href'))!);
      expect(download.status()).toBe(200);
      expect(download.headers()['content-type']).toBe('application/pdf');
      const pdfPath = join(dir, 'raspuns.pdf');
      writeFileSync(pdfPath, await download.body());

      // pdfsig: three officials and the institution's seal, every signature valid.
      let sig: string;
      try {
        sig = execFileSync('pdfsig', [pdfPath], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (err) {
        sig = String((err as { stdout?: string }).stdout ?? '');
      }
      const total = (sig.match(/^Signature #\d+:$/gm) ?? []).length;
      expect(total, sig).toBe(4);
      expect((sig.match(/- Signature Validation: Signature is Valid\./g) ?? []).length, sig).toBe(total);
      const signers = [...sig.matchAll(/- Signer Certificate Common Name: (.*)$/gm)].map((m) => m[1]!.trim());
      expect(signers).toEqual(['Andrei Popa', 'Cristina Marinescu', 'Radu Georgescu', 'Primăria Sectorului 5 — sigiliu']);

      // The verification URL printed under the QR code opens the public page: authentic.
      const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      const url = /https?:\/\/[^\s]*\/verificare\/[0-9a-f-]{36}/.exec(pdfText)?.[0];
      expect(url, pdfText).toBeTruthy();
      expect(url!.startsWith(b.baseUrl)).toBe(true);
      const visitor = await b.newPage();
      await visit(visitor, url!);
      await checked(visitor, 'verification page');
      expect(await main(visitor)).toContain('Document autentic, emis de Primăria Sectorului 5');
      expect(await main(visitor)).not.toContain('Maria Ionescu');

      // 8. The head of department's report counts the answer.
      await visit(cristina, '/birou/rapoarte');
      await checked(cristina, 'reports (after)');
      const answeredAfter = Number(await reportCell(cristina, 'Serviciul Certificate de Urbanism', 'Soluționate în perioadă'));
      expect(answeredAfter).toBe(answeredBefore + 1);
    },
  );
});
