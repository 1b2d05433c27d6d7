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

  it('files once for the same transactionId, however often the app retries', async () => {
    const body = petition({ transactionId: 'ghiseu-retry-0001' });
    const [a, b] = await Promise.all([clerk.api('POST', '/api/v1/assisted/cases', body), clerk.api('POST', '/api/v1/assisted/cases', body)]);
    expect(a.status, a.body).toBe(201);
    expect(b.status, b.body).toBe(201);
    expect(b.json<{ caseId: string }>().caseId).toBe(a.json<{ caseId: string }>().caseId);
  });
});
