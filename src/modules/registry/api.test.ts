import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';

/* The registry clerk's register through the JSON API only: filters that say what is wrong, the PDF register. */

let t: TestApp;
let clock = Date.now();
let clerk: Client;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
  clerk = await signInDemo(t, DEMO_ACCOUNTS.registryClerk, () => (clock += 30_000));
});
afterAll(async () => t?.stop());

type ErrorAnswer = { error: { code: string; message: string; fields?: Record<string, string> } };
const today = () => bucharestDay(new Date(clock));

async function binary(c: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), accept: 'application/json' } });
  return { status: res.statusCode, type: String(res.headers['content-type']), bytes: res.rawPayload };
}

describe('the register through the API', () => {
  it('refuses a filter it does not know instead of ignoring it and listing everything', async () => {
    for (const query of ['direction=sideways', 'channel=fax', 'departmentId=registratura']) {
      const res = await clerk.api('GET', `/api/v1/registry/entries?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.json<ErrorAnswer>().error.code).toBe('validation');
    }
    expect((await clerk.api('GET', '/api/v1/registry/entries?direction=incoming&channel=online')).status).toBe(200);
  });

  it('exports a period as the printable PDF register, with the same checks as the CSV', async () => {
    const pdf = await binary(clerk, `/api/v1/registry/export.pdf?from=${today()}&to=${today()}`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const reversed = await clerk.api('GET', `/api/v1/registry/export.pdf?from=${today()}&to=2020-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.json<ErrorAnswer>().error.fields).toEqual({ to: 'registry.period_reversed' });
    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    expect((await ion.api('GET', `/api/v1/registry/export.pdf?from=${today()}&to=${today()}`)).status).toBe(403);
  });
});

describe('registering through the API', () => {
  it('names a refused scan by the body’s own property, scans, not the page’s file input', async () => {
    const body = { direction: 'incoming', channel: 'post', issuerName: 'Ion Vasilescu', summary: 'Scrisoare cu o scanare greșită', pageCount: 1 };
    const res = await clerk.api('POST', '/api/v1/registry/entries', { ...body, scans: [{ filename: 's.pdf', contentBase64: Buffer.from('hello').toString('base64') }] });
    expect(res.status).toBe(400);
    expect(res.json<ErrorAnswer>().error).toMatchObject({ code: 'registry.scan_type', fields: { scans: 'registry.scan_type' } });
  });

  it('takes no second number for the same document sent again, unless the call confirms it is another one', async () => {
    const body = { direction: 'incoming', channel: 'email', issuerName: 'Asociația de proprietari bl. M3', summary: 'Sesizare privind salubrizarea', pageCount: 1 };
    const first = await clerk.api('POST', '/api/v1/registry/entries', body);
    expect(first.status).toBe(201);
    const number = first.json<{ number: { number: number; date: string; formatted: string } }>().number.formatted;
    const again = await clerk.api('POST', '/api/v1/registry/entries', body);
    expect(again.status).toBe(409);
    const refused = again.json<ErrorAnswer>().error;
    expect(refused).toMatchObject({ code: 'registry.twin_recent', fields: { confirmTwin: 'registry.twin_recent' } });
    expect(refused.message).toContain(number);
    const confirmed = await clerk.api('POST', '/api/v1/registry/entries', { ...body, confirmTwin: true });
    expect(confirmed.status).toBe(201);
    expect(confirmed.json<{ number: { number: number; date: string; formatted: string } }>().number.formatted).not.toBe(number);
  });

  it('takes one number for the same document sent twice at once', async () => {
    const body = { direction: 'incoming', channel: 'post', issuerName: 'Gheorghe Dinu', summary: 'Cerere de audiență', pageCount: 1 };
    const answers = await Promise.all([1, 2, 3].map(() => clerk.api('POST', '/api/v1/registry/entries', body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
  });
});

describe('what registering offers, through the API', () => {
  it('lists the departments and case services the registry form offers, so an app can route a paper document', async () => {
    type Options = { institutionId: string; departments: { id: string; name: string; depth: number; staffed: boolean }[]; caseServices: { code: string }[] };
    const res = await clerk.api('GET', '/api/v1/registry/form-options');
    expect(res.status, res.body).toBe(200);
    const options = res.json<Options>();
    const urbanism = options.departments.find((d) => d.name === 'Serviciul Certificate de Urbanism');
    expect(urbanism).toMatchObject({ staffed: true });
    expect(options.caseServices.map((s) => s.code)).toEqual(expect.arrayContaining(['PETITIE', 'INFO-544']));

    const body = { direction: 'incoming', channel: 'post', issuerName: 'Consiliul Județean Ilfov', summary: 'Adresă privind limitele parcelelor', pageCount: 2, departmentId: urbanism!.id };
    expect((await clerk.api('POST', '/api/v1/registry/entries', { ...body, institutionId: options.institutionId })).status).toBe(201);
    const found = await clerk.api('GET', `/api/v1/registry/entries?departmentId=${urbanism!.id}&q=ilfov`);
    expect(found.json<{ entries: { departmentName: string }[] }>().entries).toEqual([expect.objectContaining({ departmentName: 'Serviciul Certificate de Urbanism' })]);

    const ion = await signInDemo(t, DEMO_ACCOUNTS.ion, () => (clock += 30_000));
    const refused = await ion.api('GET', '/api/v1/registry/form-options');
    expect(refused.status).toBe(403);
    expect(refused.json<ErrorAnswer>().error.code).toBe('forbidden');
  });
});
