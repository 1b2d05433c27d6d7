import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../../../test/support/event-stream.ts';
import { signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

/*
 * A live page's stream does not last forever: it ends after LIVE_STREAM_MINUTES (here shortened to under a second)
 * and the browser opens a new one, which goes through the session's checks again. So a person signed out on another
 * device stops hearing about their case within that time, however long the tab stays open.
 */
let t: TestApp;
let base: string;
let clock = Date.now();
const { ion } = DEMO_ACCOUNTS;
const L = (ro: string) => ({ ro, en: ro });

beforeAll(async () => {
  t = await startTestApp({ config: { liveStreamMs: 700 } });
  t.deps.now = () => new Date(clock);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.stop());

async function ionsCase(): Promise<string> {
  const definition = {
    code: 'TEST-LIVE-END',
    category: 'urbanism',
    name: L('Aviz de test'),
    description: L('Serviciu de test.'),
    applicants: 'both',
    caseKind: 'request',
    documents: [],
    form: { schemaVersion: 1, pages: [{ id: 'cerere', title: L('Cererea'), items: [{ id: 'subject', type: 'text', label: L('Subiect'), required: true }] }] },
    fee: { kind: 'none' },
    term: { days: 30, unit: 'calendar' },
    tacitApproval: false,
    departmentCode: 'CU',
    fileCode: 'III-1',
    keywords: [],
  };
  const { versionId } = await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition, actorId: null, at: new Date(clock) }));
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: versionId,
      applicantAccountId: ion.id,
      companyId: null,
      applicant: { kind: 'person', name: ion.displayName, email: ion.email },
      answers: { subject: 'Reabilitare fațadă' },
      channel: 'online',
      actorId: ion.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(clock),
    }),
  );
  return c.caseId;
}

describe('a live page’s stream', () => {
  it('ends after its time, and the reconnect of a person signed out elsewhere gets no new stream', async () => {
    const caseId = await ionsCase();
    const phone = await signInDemo(t, ion, () => (clock += 30_000));
    const laptop = await signInDemo(t, ion, () => (clock += 30_000));
    const path = `/cont/cereri/${caseId}/evenimente`;

    const first = await openEventStream(base, laptop, path);
    expect(first.status).toBe(200);
    expect(await first.ended(5_000)).toBe(true);
    // The browser would reconnect now: while the session stands, it gets a new stream.
    const second = await openEventStream(base, laptop, path);
    expect(second.status).toBe(200);

    // Signed out everywhere from the phone: the laptop's open stream ends on time, and its reconnect is refused.
    await phone.get('/cont/sesiuni');
    expect((await phone.post('/cont/sesiuni/toate', {})).status).toBe(303);
    expect(await second.ended(5_000)).toBe(true);
    const refused = await openEventStream(base, laptop, path);
    refused.close();
    expect(refused.type).not.toMatch(/event-stream/);
    expect([302, 303, 401]).toContain(refused.status);
  });
});
