import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, multipartForm, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';

/*
 * The clerk at the registry's queue registers dozens of papers an hour: the form asks first what every paper has
 * (issuer, content, pages, department), keeps the rest under "Alte date (opțional)", opened by itself when one of them
 * holds something or is wrong; a scanner's TIFF is refused with the way out (scan as PDF), in plain words.
 */

let t: TestApp;
let clock = Date.now();
let clerk: Client;
const FORM = '/birou/registratura/inregistrare';

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

async function post(fields: Record<string, string>, files: { filename: string; bytes: Buffer }[] = []) {
  await clerk.get(FORM);
  const { body, type } = multipartForm(
    { _csrf: clerk.csrf, ...fields },
    files.map((f) => ({ field: 'scan', filename: f.filename, type: 'application/octet-stream', bytes: f.bytes })),
  );
  return clerk.request('POST', FORM, body as unknown as string, { 'content-type': type });
}

const letter = (overrides: Record<string, string> = {}) => ({
  direction: 'incoming',
  channel: 'counter',
  issuerName: 'Ștefan Țăranu',
  summary: 'Sesizare privind trotuarul din strada Sabinelor',
  pageCount: '1',
  annexCount: '0',
  departmentId: demoDepartmentId(DEMO.sector5, 'RP'),
  ...overrides,
});

const details = (html: string) => /<details class="govuk-details"( open)?><summary class="govuk-details__summary"><span class="govuk-details__summary-text">([^<]*)</.exec(html);
const checked = (html: string, name: string) => new RegExp(`name="${name}" type="radio" value="([a-z]+)" checked`).exec(html)?.[1];

// A TIFF as counter scanners save it: the little-endian byte-order mark, then 42.
const TIFF = Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]), Buffer.alloc(64)]);

describe('the registration form', () => {
  it('starts on the issuer, as an incoming paper at the counter, the optional data closed', async () => {
    const form = await clerk.get(FORM);
    expect(form.status).toBe(200);
    expect(checked(form.body, 'direction')).toBe('incoming');
    expect(checked(form.body, 'channel')).toBe('counter');
    expect(form.body).toMatch(/<input[^>]*id="issuerName"[^>]*autofocus/);
    const more = details(form.body);
    expect(more?.[2]).toBe('Alte date (opțional)');
    expect(more?.[1]).toBeUndefined();
    // What every paper has is outside it, what few have inside.
    const inside = form.body.slice(form.body.indexOf('<details'), form.body.indexOf('</details>'));
    for (const name of ['issuerReference', 'issuerDate', 'annexCount', 'repliesTo', 'linkedTo', 'fileCode', 'issuerCode', 'unanswered']) expect(inside).toContain(`name="${name}"`);
    for (const name of ['issuerName', 'summary', 'pageCount', 'departmentId', 'scan', 'caseServiceCode']) expect(inside).not.toContain(`name="${name}"`);
  });

  it('comes back with the optional data open when one of them is wrong, and focus on the errors', async () => {
    const bad = await post(letter({ repliesTo: '12-2026' }));
    expect(bad.status).toBe(400);
    expect(details(bad.body)?.[1]).toBe(' open');
    expect(bad.body).toContain('Scrieți numărul de înregistrare ca 123/22.11.2026.');
    expect(bad.body).not.toMatch(/<input[^>]*id="issuerName"[^>]*autofocus/);
  });

  it('comes back with the optional data open when one of them was typed, closed when none was', async () => {
    const typed = await post(letter({ summary: '', issuerReference: '77/2026' }));
    expect(typed.status).toBe(400);
    expect(details(typed.body)?.[1]).toBe(' open');
    expect(typed.body).toContain('value="77/2026"');
    const none = await post(letter({ summary: '' }));
    expect(none.status).toBe(400);
    expect(details(none.body)?.[1]).toBeUndefined();
    expect(checked(none.body, 'channel')).toBe('counter');
  });

  it('opens the optional data for a case without the petitioner’s contact, which lives there', async () => {
    const bad = await post(letter({ caseServiceCode: 'PETITIE', departmentId: '' }));
    expect(bad.status).toBe(400);
    expect(details(bad.body)?.[1]).toBe(' open');
  });

  it('refuses a scanner’s TIFF telling the clerk to scan it as PDF', async () => {
    const bad = await post(letter(), [{ filename: 'scan0001.tif', bytes: TIFF }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('Fișierul „scan0001.tif” este o imagine TIFF, pe care platforma nu o primește. Scanați documentul din nou ca PDF: în setările scannerului, la formatul fișierului, alegeți PDF.');
    // A scanner that saved several pages as separate TIFFs: the one message says it once for all.
    const two = await post(letter(), [
      { filename: 'scan0001.tif', bytes: TIFF },
      { filename: 'scan0002.tif', bytes: TIFF },
    ]);
    expect(two.body).toContain('Fișierele scan0001.tif, scan0002.tif nu au fost primite');
    expect(two.body).toContain('Cele TIFF se scanează din nou ca PDF: în setările scannerului, la formatul fișierului, alegeți PDF.');
    const [{ n }] = (await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM registry_entry WHERE issuer_name = 'Ștefan Țăranu'")) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('says so in English too', async () => {
    expect((await clerk.get(`${FORM}?lang=en`)).status).toBe(303);
    const form = await clerk.get(FORM);
    expect(details(form.body)?.[2]).toBe('Other details (optional)');
    const bad = await post(letter(), [{ filename: 'scan0001.tiff', bytes: TIFF }]);
    expect(bad.body).toContain('The file “scan0001.tiff” is a TIFF image, which the platform does not accept. Scan the document again as a PDF: in the scanner’s settings, choose PDF as the file format.');
  });
});
