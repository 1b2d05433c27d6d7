import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { COUNTER_APPLICANT_ANSWERS, COUNTER_PERSON } from './test-fixtures.ts';

/* A request filed at the counter through the JSON API: what an app is told about each wrong field, and a retry. */

let t: TestApp;
let clock = Date.now();
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000), '/birou/ghiseu');
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields: Record<string, string> } };

const petition = (overrides: Record<string, unknown> = {}) => ({
  serviceCode: 'PETITIE',
  person: COUNTER_PERSON,
  answers: {
    ...COUNTER_APPLICANT_ANSWERS,
    email: 'ioana.balanescu@exemplu.ro',
    petition_kind: 'sesizare',
    subject: 'Iluminat public',
    content: 'Pe strada Sălciilor nu funcționează iluminatul public.',
    previous: 'nu',
    answer_channel: 'email',
    declaration_truth: 'yes',
  },
  ...overrides,
});

describe('the counter through the API', () => {
  it('names each wrong field as the request names it, with a code', async () => {
    const bad = await clerk.api('POST', '/api/v1/assisted/cases', petition({ person: { ...COUNTER_PERSON, cnp: '1900101401234', idDocument: { type: 'CI', number: '12' } } }));
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorAnswer>().error.message).toBe('Cererea are câmpuri necompletate sau greșite. CNP-ul nu este valid: cifra de control nu se potrivește.');
    const fields = bad.json<ErrorAnswer>().error.fields;
    expect(fields).toEqual({ 'person.cnp': 'assisted.cnp_checksum', 'person.idDocument.series': 'assisted.id_series_required', 'person.idDocument.number': 'assisted.id_number_invalid' });
    const answers = await clerk.api('POST', '/api/v1/assisted/cases', petition({ answers: { ...petition().answers, petition_kind: 'altceva' } }));
    expect(answers.json<ErrorAnswer>().error.fields).toEqual({ petition_kind: 'form.error.option_invalid' });
  });

  it('refuses a petition to be answered by e-mail without an address, naming person.email; the form’s own e-mail question is the address', async () => {
    const { email: _typed, ...withoutEmail } = petition().answers;
    const person = { ...COUNTER_PERSON, firstName: 'Sorin', lastName: 'Enache', cnp: '1800101123450' };
    const bad = await clerk.api('POST', '/api/v1/assisted/cases', petition({ person, answers: withoutEmail }));
    expect(bad.status).toBe(400);
    expect(bad.json<ErrorAnswer>().error).toMatchObject({
      fields: { 'person.email': 'assisted.email_for_answer' },
      message: 'Cererea are câmpuri necompletate sau greșite. Scrieți adresa de e-mail la care persoana primește răspunsul, sau alegeți alt mod de a primi răspunsul.',
    });
    const filed = await clerk.api('POST', '/api/v1/assisted/cases', petition({ person }));
    expect(filed.status, filed.body).toBe(201);
    const [row] = await t.database.query<{ email: string }>("SELECT applicant->>'email' AS email FROM \"case\" WHERE id = $1", [filed.json<{ caseId: string }>().caseId]);
    expect(row!.email).toBe('ioana.balanescu@exemplu.ro');
  });

  it('files once for the same transactionId, however often the app retries', async () => {
    const body = petition({ transactionId: 'ghiseu-retry-0001' });
    const [a, b] = await Promise.all([clerk.api('POST', '/api/v1/assisted/cases', body), clerk.api('POST', '/api/v1/assisted/cases', body)]);
    expect(a.status, a.body).toBe(201);
    expect(b.status, b.body).toBe(201);
    expect(b.json<{ caseId: string }>().caseId).toBe(a.json<{ caseId: string }>().caseId);
    // Told apart as the API's other retried calls are: one filed it, the other found it filed.
    expect([a, b].map((x) => x.json<{ duplicate: boolean }>().duplicate).sort()).toEqual([false, true]);
    expect((await clerk.api('POST', '/api/v1/assisted/cases', body)).json()).toMatchObject({ caseId: a.json<{ caseId: string }>().caseId, duplicate: true });
  });
});

describe('the same request sent twice through the API without a transactionId', () => {
  const body = () => petition({ person: { ...COUNTER_PERSON, firstName: 'Vasile', lastName: 'Dumitrescu', cnp: '1700312123451' } });
  const cases = async () => (await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM \"case\" WHERE channel = 'counter'"))[0]!.n;

  it('opens no second case, unless the call confirms it is another request', async () => {
    const first = await clerk.api('POST', '/api/v1/assisted/cases', body());
    expect(first.status, first.body).toBe(201);
    const number = first.json<{ number: { number: number; date: string; formatted: string } }>().number.formatted;
    // The register says what the petition is about, not only "Petiție".
    const [entry] = await t.database.query<{ summary: string }>('SELECT e.summary FROM registry_entry e JOIN "case" c ON c.registry_entry_id = e.id WHERE c.id = $1', [first.json<{ caseId: string }>().caseId]);
    expect(entry!.summary).toBe('Petiție – Iluminat public');
    const before = await cases();
    const again = await clerk.api('POST', '/api/v1/assisted/cases', body());
    expect(again.status, again.body).toBe(409);
    const refused = again.json<ErrorAnswer>().error;
    expect(refused).toMatchObject({ code: 'assisted.twin_recent', fields: { confirmTwin: 'assisted.twin_recent' } });
    expect(refused.message).toContain(number);
    expect(refused.message).toContain('trimiteți-o din nou cu confirmTwin: true'); // not the page's 'tick the box'
    expect(await cases()).toBe(before);
    const confirmed = await clerk.api('POST', '/api/v1/assisted/cases', { ...body(), confirmTwin: true });
    expect(confirmed.status, confirmed.body).toBe(201);
    expect(confirmed.json<{ number: { number: number; date: string; formatted: string } }>().number.formatted).not.toBe(number);
  });

  it('opens one case for the same request sent three times at once', async () => {
    const b = petition({ person: { ...COUNTER_PERSON, firstName: 'Elena', lastName: 'Marinescu', cnp: '2750505123452' } });
    const answers = await Promise.all([1, 2, 3].map(() => clerk.api('POST', '/api/v1/assisted/cases', b)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
  });
});

describe('the counter receipt through the API', () => {
  it('gives the clerk the PDF receipt the person takes home, and nobody outside the registry', async () => {
    const filed = await clerk.api('POST', '/api/v1/assisted/cases', petition({ person: { ...COUNTER_PERSON, firstName: 'Radu', lastName: 'Stanciu', cnp: '1800101123450' } }));
    expect(filed.status, filed.body).toBe(201);
    const { caseId } = filed.json<{ caseId: string }>();
    const get = (c: Client) =>
      t.app.inject({ method: 'GET', url: `/api/v1/assisted/cases/${caseId}/receipt.pdf`, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/json' } });
    const receipt = await get(clerk);
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    expect([403, 404]).toContain((await get(ion)).statusCode);
  });
});
