import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { openCase } from '../cases/open-case.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

/*
 * The officials' file fields state the largest file the server takes (UPLOAD_LIMIT_MB, per file) in their hint, as the
 * citizen's pages do, and carry it for the browser, which refuses a larger scan before sending it (app.js): the
 * registry's scans, the counter's scans, the scan of a withdrawal brought on paper and the public verification upload.
 */
const LIMIT = 3 * 1024 * 1024;
let t: TestApp;
let clerk: Client;
let clock = Date.now();
beforeAll(async () => {
  t = await startTestApp({ config: { uploadLimitBytes: LIMIT } });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

/** The file input named `name` in the page, and the hint it points to. */
function field(html: string, name: string): { input: string; hint: string } {
  const input = html.match(new RegExp(`<input[^>]*type="file"[^>]*name="${name}"[^>]*>|<input[^>]*name="${name}"[^>]*type="file"[^>]*>`))?.[0] ?? '';
  const id = input.match(/ id="([^"]+)"/)?.[1];
  const hint = html.match(new RegExp(`<div id="${id}-hint" class="govuk-hint">([^<]*)</div>`))?.[1] ?? '';
  return { input, hint };
}

async function withdrawableCase(): Promise<string> {
  const service = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: service!.versionId,
      applicantAccountId: null,
      companyId: null,
      applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450', cui: null, email: null },
      answers: { subject: 'Iluminat stradal', text: 'Stâlpul din fața blocului nu funcționează.' },
      channel: 'counter',
      actorId: DEMO_ACCOUNTS.registryClerk.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(clock),
    }),
  );
  return c.caseId;
}

describe('the largest file an official can send', () => {
  it('is stated and checked on the registry, counter, paper-withdrawal and verification forms, in Romanian and English', async () => {
    const caseId = await withdrawableCase();
    const forms = [
      { path: '/birou/registratura/inregistrare', name: 'scan', client: clerk },
      { path: '/birou/ghiseu/servicii/CERERE-GEN', name: 'pScans', client: clerk },
      { path: `/birou/dosare/${caseId}`, name: 'scan', client: clerk },
      { path: '/verificare', name: 'file', client: t.client() },
    ];
    for (const f of forms) {
      const ro = field((await f.client.get(f.path)).body, f.name);
      expect(ro.input, f.path).toContain(`data-pd-max-bytes="${LIMIT}"`);
      expect(ro.hint, f.path).toContain('de cel mult 3 MB');
    }
    expect(field((await clerk.get('/birou/registratura/inregistrare')).body, 'scan').hint).toBe('PDF, JPG sau PNG, de cel mult 3 MB fiecare. Puteți alege mai multe fișiere.');
    expect((await clerk.get('/birou/registratura/inregistrare?lang=en')).status).toBe(303);
    for (const f of forms.slice(0, 3)) expect(field((await clerk.get(f.path)).body, f.name).hint, f.path).toContain('at most 3 MB each');
  });
});
