import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { blankServiceDefinition } from '../catalog/domain/draft.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

/*
 * What a citizen reads about the fee once the request is sent, on the confirmation page and in the PDF receipt, in
 * both languages: a fixed fee, no fee, and a percentage of the value answered (with another rate for homes).
 */

let t: TestApp;
let maria: Client;

const L = (ro: string, en = ro) => ({ ro, en });
const service = (code: string, fee: unknown) => ({
  ...blankServiceDefinition({ code, category: 'urbanism', name: L(`Aviz de test ${code}`, `Test approval ${code}`), departmentCode: 'CU' }),
  form: {
    schemaVersion: 1,
    pages: [
      {
        id: 'lucrari',
        title: L('Lucrările', 'The works'),
        items: [
          { id: 'works_value', type: 'number', label: L('Valoarea estimată a lucrărilor (lei)', 'Estimated value of the works (lei)'), required: true, min: 1 },
          {
            id: 'destination',
            type: 'radios',
            label: L('Destinația construcției', 'Use of the building'),
            required: true,
            options: [
              { value: 'locuinta', label: L('Locuință', 'Home') },
              { value: 'alta', label: L('Altă destinație', 'Other') },
            ],
          },
        ],
      },
    ],
  },
  fee,
});

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  const publish = (code: string, fee: unknown) =>
    t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: service(code, fee), actorId: null, at: new Date() }));
  await publish('TEST-TAXA-FIXA', { kind: 'fixed', amount: 900 });
  await publish('TEST-FARA-TAXA', { kind: 'none' });
  await publish('TEST-TAXA-PROCENT', { kind: 'percent', question: 'works_value', basisPoints: 100, byOption: { question: 'destination', basisPoints: { locuinta: 50 } } });
  maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
});
afterAll(async () => t?.stop());

const pdftotext = (bytes: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/** Sends a request for the service with these answers; the confirmation page and the receipt, in the language asked. */
async function submit(code: string, answers: Record<string, string>, lang: 'ro' | 'en') {
  await maria.get(`/?lang=${lang}`);
  const d = (await maria.api('POST', '/api/v1/drafts', { serviceCode: code, institution: 'sector5', restart: true })).json<{ id: string }>();
  expect((await maria.api('PUT', `/api/v1/drafts/${d.id}/pages/lucrari`, { answers })).status).toBe(200);
  const sent = await maria.api('POST', `/api/v1/drafts/${d.id}/submit`, { declaration: true });
  expect(sent.status).toBe(200);
  const { caseId } = sent.json<{ caseId: string }>();
  const page = await maria.get(`/cereri/ciorna/${d.id}/confirmare-cerere`);
  expect(page.status).toBe(200);
  const cookie = [...maria.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const pdf = await t.app.inject({ method: 'GET', url: `/cont/cereri/${caseId}/recipisa.pdf`, headers: { cookie } });
  expect(pdf.statusCode).toBe(200);
  const receipt = existsSync('/usr/bin/pdftotext') ? pdftotext(pdf.rawPayload) : null;
  return { html: page.body, receipt };
}

/** The receipt's fee line, 'Taxa: …' (the QR code's caption, further right, left out). */
const receiptRow = (text: string | null, label: string) =>
  text
    ?.split('\n')
    .find((l) => l.trim().startsWith(label))
    ?.trim()
    .split(/\s{3,}/)
    .slice(0, 2)
    .join(' ');

describe('the fee on the confirmation page and the PDF receipt', () => {
  it('a fixed fee: the amount to pay, where and with which number', async () => {
    const ro = await submit('TEST-TAXA-FIXA', { works_value: '1000', destination: 'alta' }, 'ro');
    expect(ro.html).toMatch(/<p class="govuk-body">Taxa pentru această cerere este 9,00 lei\. Deocamdată nu se plătește pe această platformă: o puteți achita la casieria instituției sau prin ghiseul\.ro, menționând numărul de înregistrare \d+\/\d\d\.\d\d\.\d{4}\.<\/p>/);
    if (ro.receipt !== null) expect(receiptRow(ro.receipt, 'Taxa')).toBe('Taxa: 9,00 lei');
    const en = await submit('TEST-TAXA-FIXA', { works_value: '1000', destination: 'alta' }, 'en');
    expect(en.html).toMatch(/<p class="govuk-body">The fee for this request is 9\.00 lei\. It cannot be paid on this platform yet/);
    if (en.receipt !== null) expect(receiptRow(en.receipt, 'Fee')).toBe('Fee: 9.00 lei');
  });

  it('no fee: the citizen is told there is nothing to pay', async () => {
    const ro = await submit('TEST-FARA-TAXA', { works_value: '1000', destination: 'alta' }, 'ro');
    expect(ro.html).toContain('<p class="govuk-body">Pentru această cerere nu se plătește nicio taxă.</p>');
    expect(ro.html).not.toContain('Taxa pentru această cerere este');
    if (ro.receipt !== null) expect(receiptRow(ro.receipt, 'Taxa')).toBe('Taxa: Gratuit');
    const en = await submit('TEST-FARA-TAXA', { works_value: '1000', destination: 'alta' }, 'en');
    expect(en.html).toContain('<p class="govuk-body">There is no fee for this request.</p>');
    if (en.receipt !== null) expect(receiptRow(en.receipt, 'Fee')).toBe('Fee: Free of charge');
  });

  it('a percentage of the value of the works: 1%, and 0.5% for a home', async () => {
    const other = await submit('TEST-TAXA-PROCENT', { works_value: '250000', destination: 'alta' }, 'ro');
    expect(other.html).toContain('Taxa pentru această cerere este 2.500,00 lei.');
    if (other.receipt !== null) expect(receiptRow(other.receipt, 'Taxa')).toBe('Taxa: 2.500,00 lei');
    const home = await submit('TEST-TAXA-PROCENT', { works_value: '250000', destination: 'locuinta' }, 'ro');
    expect(home.html).toContain('Taxa pentru această cerere este 1.250,00 lei.');
    if (home.receipt !== null) expect(receiptRow(home.receipt, 'Taxa')).toBe('Taxa: 1.250,00 lei');
    const en = await submit('TEST-TAXA-PROCENT', { works_value: '1234567', destination: 'locuinta' }, 'en');
    expect(en.html).toContain('The fee for this request is 6,172.84 lei.');
    if (en.receipt !== null) expect(receiptRow(en.receipt, 'Fee')).toBe('Fee: 6,172.84 lei');
  });
});
