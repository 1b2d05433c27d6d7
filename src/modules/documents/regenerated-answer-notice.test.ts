import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCasePage, demoSessions, openUrbanismCertificate } from '../../../test/support/back-office.ts';
import { openEventStream } from '../../../test/support/event-stream.ts';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO_SIGNING_PIN } from './seed-demo.ts';

/*
 * An answer generated again is signed again from its first signer. The inspector whose signature it needs anew has the
 * case no more (it is at the head's approval): their open inbox hears of it as it hears of a case given to them, and the
 * reloaded "De semnat" lists it.
 */

let t: TestApp;
let base = '';
// The real time (the demo signing certificates are valid from yesterday), moved on 30 s before every TOTP code.
let clock = Date.now();
const now = () => new Date(clock);
const { registryClerk, inspector, headOfDepartment } = DEMO_ACCOUNTS;
let as: ReturnType<typeof demoSessions>;

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  as = demoSessions(t, () => (clock += 30_000));
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.stop());

const answerId = async (caseId: string) =>
  (await t.database.query<{ id: string }>('SELECT id FROM answer_document WHERE case_id = $1 ORDER BY version DESC LIMIT 1', [caseId]))[0]!.id;

async function act(a: DemoAccount, caseId: string, action: string, fields: Record<string, string> = {}) {
  expect((await actOnCasePage(t, await as(a), caseId, action, fields)).status).toBe(303);
}

describe('an answer generated again after the case left its first signer', () => {
  it('is announced to the inspector’s open inbox, and listed in their "De semnat"', async () => {
    const caseId = await openUrbanismCertificate(t, now());
    await act(registryClerk, caseId, 'forward');
    await act(headOfDepartment, caseId, 'assign', { assigneeId: inspector.id });
    const andrei = await as(inspector);
    await andrei.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    expect((await andrei.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'granted', text: 'Se emite certificatul.' })).status).toBe(303);
    expect((await andrei.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
    await andrei.get(`/birou/dosare/${caseId}`);
    clock += 30_000;
    const signed = await andrei.post(`/birou/dosare/${caseId}/raspuns/${await answerId(caseId)}/semnare`, { pin: DEMO_SIGNING_PIN, code: totpCode(DEMO_TOTP_SECRET, now()), transactionId: crypto.randomUUID() });
    expect(signed.status).toBe(303);
    await act(inspector, caseId, 'approve');

    const cristina = await as(headOfDepartment);
    await cristina.get(`/birou/dosare/${caseId}`);
    expect((await cristina.post(`/birou/dosare/${caseId}/raspuns/${await answerId(caseId)}/retragere`, { transactionId: crypto.randomUUID() })).status).toBe(303);
    // What happened so far has been said: only what comes next may reach the stream.
    await t.database.notifications.settle('pd_case_changed');
    const stream = await openEventStream(base, andrei, '/birou/evenimente');
    try {
      expect(stream.status).toBe(200);
      await cristina.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
      expect((await cristina.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() })).status).toBe(303);
      expect(await stream.waitFor(/event: changed\n/)).toBe(true);
    } finally {
      stream.close();
    }
    expect((await andrei.get('/birou/cozi/de-semnat')).body).toContain(`href="/birou/dosare/${caseId}#raspuns"`);
  });
});
