import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartForm, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS } from '../../modules/identity/seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  // A small budget for the test: 1 MB of uploads held in memory at once by this process.
  t = await startTestApp({ config: { uploadMemoryBytes: 1024 * 1024 } });
});
afterAll(async () => t?.stop());

const pdf = (kb: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(kb * 1024, 32), Buffer.from('\n%%EOF\n')]);

describe('the memory uploads may take', () => {
  it('asks to retry a request whose files would go over the budget, and gives the memory back after each request', async () => {
    const c = t.client();
    await c.get('/autentificare');
    expect((await c.api('POST', '/api/v1/auth/login', { email: DEMO_ACCOUNTS.maria.email, password: DEMO_ACCOUNTS.maria.password })).status).toBe(200);
    await c.get('/cont');
    const draft = await c.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5' });
    expect(draft.status).toBe(201);
    const id = draft.json<{ id: string }>().id;
    const send = (files: Buffer[]) => {
      const m = multipartForm({ questionId: 'mandate' }, files.map((bytes, i) => ({ field: 'file', filename: `mandat-${i}.pdf`, type: 'application/pdf', bytes })));
      return c.request('POST', `/api/v1/drafts/${id}/documents`, m.body as unknown as string, { 'content-type': m.type, accept: 'application/json', 'x-csrf-token': c.csrf });
    };
    const tooMuch = await send([pdf(600), pdf(600)]);
    expect(tooMuch.status).toBe(503);
    expect(tooMuch.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'uploads_busy', message: expect.stringContaining('Primim acum multe fișiere') });
    // Nothing stays held: the same 600 KB, alone, twice in a row, fit.
    expect((await send([pdf(600)])).status).toBe(201);
    expect((await send([pdf(600)])).status).toBe(201);
  });
});
